import {
  classifyInbound,
  maxParsedBytes,
  parseInboundMessage,
  type InboundMessage,
} from '../../../functions/modules/inbound-mail/parse-itip-reply';
import { itipFixture } from '../../support/itip-fixtures';

const uid = 'meeting-01JABCDEF@destek.test';

async function parse(name: string, values: Partial<Parameters<typeof itipFixture>[1]> = {}): Promise<InboundMessage> {
  return parseInboundMessage(itipFixture(name, { uid, attendee: 'anna.peeters@gmail.com', ...values }));
}

describe('parseInboundMessage and classifyInbound: replies as the calendar apps write them', () => {
  it('Gmail: the inline method=REPLY part (plus invite.ics) with its DTSTAMP and SEQUENCE', async () => {
    const message = await parse('gmail-accepted.eml', { sequence: 2, dtstamp: '20261201T091500Z' });
    expect(message.from).toBe('anna.peeters@gmail.com');
    expect(message.automatic).toBe(false);
    expect(message.itip).toMatchObject({ method: 'REPLY', uid, sequence: 2, stamp: new Date('2026-12-01T09:15:00Z') });
    expect(classifyInbound(message)).toEqual({
      kind: 'reply',
      itip: message.itip,
      attendee: { email: 'anna.peeters@gmail.com', partstat: 'ACCEPTED' },
    });
  });

  it('Outlook desktop: quoted-printable calendar, MAILTO: in capitals, a mixed-case address, "Accepted:" subject', async () => {
    const message = await parse('outlook-desktop-accepted.eml', { attendee: 'Bart.Jansens@Bedrijf.be', from: 'bart.jansens@bedrijf.be' });
    expect(message.subject).toBe('Accepted: Overleg De Stek');
    // X-Auto-Response-Suppress asks others not to auto-reply; it does not make this message automatic.
    expect(message.automatic).toBe(false);
    expect(message.itip?.comment).toContain('Ik kom graag – ik breng de cijfers van het kwartaal mee.');
    expect(classifyInbound(message)).toMatchObject({ kind: 'reply', attendee: { email: 'bart.jansens@bedrijf.be', partstat: 'ACCEPTED' } });
  });

  it('Outlook on the web: a base64 calendar part without SEQUENCE', async () => {
    const message = await parse('outlook-web-tentative.eml', { attendee: 'lotte@outlook.be' });
    expect(message.itip?.sequence).toBeUndefined();
    expect(classifyInbound(message)).toMatchObject({ kind: 'reply', attendee: { partstat: 'TENTATIVE' } });
  });

  it('Apple Calendar: an .ics attachment with folded lines and lowercase mailto:', async () => {
    const message = await parse('apple-declined.eml', { attendee: 'sofie@icloud.com', sequence: 1 });
    expect(message.itip?.attendees).toEqual([{ email: 'sofie@icloud.com', partstat: 'DECLINED' }]);
    expect(classifyInbound(message)).toMatchObject({ kind: 'reply', itip: { sequence: 1 } });
  });

  it('Thunderbird: an attendee value folded onto the next line', async () => {
    const message = await parse('thunderbird-accepted.eml', { attendee: 'piet@telenet.be' });
    expect(classifyInbound(message)).toMatchObject({ kind: 'reply', attendee: { email: 'piet@telenet.be', partstat: 'ACCEPTED' } });
  });

  it('ISO-8859-1: the calendar part is read in its own charset', async () => {
    const message = await parse('iso-8859-1-accepted.eml', { attendee: 'daniel@kabelmail.example' });
    expect(message.subject).toBe('Geaccepteerd: Overleg De Stek (café)');
    expect(message.itip?.comment).toBe('Ik ben er graag bij, tot in het café.');
    expect(classifyInbound(message)).toMatchObject({ kind: 'reply' });
  });

  it('a COUNTER with the time it proposes, read through its own VTIMEZONE', async () => {
    const message = await parse('outlook-counter.eml', { attendee: 'bart@bedrijf.be' });
    expect(classifyInbound(message)).toMatchObject({ kind: 'counter' });
    expect(message.itip?.proposed).toEqual({
      start: new Date('2026-12-10T19:00:00Z'),
      end: new Date('2026-12-10T21:00:00Z'),
      location: 'Buurthuis, Sint-Pietersaalststraat, Gent',
    });
  });
});

describe('classifyInbound: what is not a reply that may be recorded', () => {
  it('a reply for another attendee than the sender', async () => {
    const message = await parse('another-attendee.eml', { from: 'someone@example.org' });
    expect(classifyInbound(message)).toEqual({ kind: 'forward', reason: 'sender-not-attendee' });
  });

  it("a forged sender: SES's own SPF and DKIM verdicts (the top ones) failed, whatever the message says further down", async () => {
    const message = await parse('forged-sender.eml');
    expect(message.verdicts).toEqual({ spf: 'FAIL', dkim: 'FAIL', spam: 'PASS', virus: 'PASS' });
    expect(classifyInbound(message)).toEqual({ kind: 'forward', reason: 'authentication-failed' });
  });

  it('a message with a huge attachment is not parsed whole, only forwarded', async () => {
    const raw = itipFixture('huge-attachment.eml', { uid, attendee: 'anna.peeters@gmail.com', hugeBytes: maxParsedBytes });
    const message = await parseInboundMessage(raw);
    expect(message.size).toBe(raw.length);
    expect(message.from).toBe('anna.peeters@gmail.com');
    expect(message.itip).toBeUndefined();
    expect(classifyInbound(message)).toEqual({ kind: 'forward', reason: 'too-large' });
  });

  it('winmail.dat (Outlook TNEF) carries no calendar we can read', async () => {
    expect(classifyInbound(await parse('winmail-dat.eml'))).toEqual({ kind: 'forward', reason: 'no-calendar' });
  });

  it('a broken calendar part', async () => {
    const message = await parse('malformed-calendar.eml');
    expect(message.calendarProblem).toBeDefined();
    expect(classifyInbound(message)).toEqual({ kind: 'forward', reason: 'unreadable-calendar' });
  });

  it('an out-of-office is automatic and forwarded', async () => {
    const message = await parse('out-of-office.eml');
    expect(message.automatic).toBe(true);
    expect(classifyInbound(message)).toEqual({ kind: 'forward', reason: 'no-calendar' });
  });

  it('a person writing back is forwarded and not automatic', async () => {
    const message = await parse('person-writing.eml');
    expect(message.automatic).toBe(false);
    expect(classifyInbound(message)).toEqual({ kind: 'forward', reason: 'no-calendar' });
  });

  it('a message SES found a virus in is dropped; a forward of our own that came back is dropped', async () => {
    const virus = itipFixture('gmail-accepted.eml', { uid, attendee: 'a@b.be' });
    const infected = await parseInboundMessage(Buffer.concat([Buffer.from('X-SES-Virus-Verdict: FAIL\r\n'), virus]));
    expect(classifyInbound(infected)).toEqual({ kind: 'drop', reason: 'virus' });
    const ours = await parseInboundMessage(Buffer.concat([Buffer.from('X-DeStek-Inbound: forwarded\r\n'), virus]));
    expect(classifyInbound(ours)).toEqual({ kind: 'drop', reason: 'forwarded-by-us' });
  });

  it('a REPLY that names no attendee, or answers NEEDS-ACTION', async () => {
    const base = await parse('gmail-accepted.eml', { attendee: 'a@b.be' });
    expect(classifyInbound({ ...base, itip: { ...base.itip!, attendees: [] } })).toEqual({ kind: 'forward', reason: 'no-single-attendee' });
    expect(classifyInbound({ ...base, itip: { ...base.itip!, attendees: [{ email: 'a@b.be', partstat: 'NEEDS-ACTION' }] } })).toEqual({
      kind: 'forward',
      reason: 'unknown-partstat',
    });
    expect(classifyInbound({ ...base, itip: { ...base.itip!, method: 'REQUEST' } })).toEqual({ kind: 'forward', reason: 'not-a-reply' });
  });
});
