import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { startInboundSmtpServer, type InboundSmtpServer } from '../../../functions/local/inbound-smtp';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { createInboundMailService } from '../../../functions/app/create-inbound-mail';
import type { InboundOutcome } from '../../../functions/modules/inbound-mail/inbound-mail.service';
import { meetingUid } from '../../../functions/modules/meetings/meeting-dispatch';
import { createLogger } from '../../../functions/shared/logger';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { itipFixture, type ItipFixtureValues } from '../../support/itip-fixtures';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';

/** The message/rfc822 part of a forward, as it travelled (mailparser would parse into it). */
function attachedOriginal(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(text)![1];
  const start = text.indexOf('\r\n\r\n', text.indexOf('Content-Type: message/rfc822')) + 4;
  return Buffer.from(text.slice(start, text.indexOf(`\r\n--${boundary}--`, start)), 'latin1');
}

const reschedule = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { userErrors { code } } }`;
const organizer = 'overleg@destek.test';
const coordinatorEmail = 'coordinator@destek.test';

/**
 * Calendar replies sent over a real SMTP connection to the inbound port (the local stand-in for
 * SES receiving), handled against DynamoDB Local; forwards and notes leave through a real SMTP
 * server that plays the coordinator's and the partners' mailboxes.
 */
describe('calendar replies by email (iTIP REPLY)', () => {
  let t: TestApp;
  let outgoing: SmtpTestServer;
  let inbound: InboundSmtpServer;
  let outcomes: InboundOutcome[];
  let meetingId: string;
  let uid: string;

  beforeAll(async () => {
    outgoing = await startSmtpTestServer();
  });
  afterAll(() => outgoing.close());

  beforeEach(async () => {
    outgoing.messages.length = 0;
    outcomes = [];
    t = await createTestApp({ now: '2026-12-01T09:00:00Z', config: { COORDINATOR_EMAIL: coordinatorEmail } });
    const service = createInboundMailService(t.app, createSmtpMailer(outgoing.url));
    inbound = await startInboundSmtpServer({
      port: 0,
      recipient: organizer,
      receive: async (raw) => {
        outcomes.push(await service.receive(raw));
      },
      logger: createLogger('silent'),
    });
    await createPartner(t, { name: 'Bakkerij Peeters', representatives: [{ name: 'Anna Peeters', email: 'Anna.Peeters@Gmail.com' }] });
    await createPartner(t, { name: 'Jansens bv', representatives: [{ name: 'Bart Jansens', email: 'bart.jansens@bedrijf.be' }] });
    const meeting = await scheduleMeeting(t);
    meetingId = meeting.id;
    uid = meetingUid(meetingId, 'destek.test');
  });
  afterEach(() => inbound.close());

  async function send(name: string, values: Partial<ItipFixtureValues> = {}, to = organizer): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    const raw = itipFixture(name, { uid, attendee: 'anna.peeters@gmail.com', ...values });
    await transport.sendMail({ envelope: { from: values.from ?? values.attendee ?? 'anna.peeters@gmail.com', to: [to] }, raw });
  }

  async function sendRaw(raw: Buffer): Promise<void> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'anna.peeters@gmail.com', to: [organizer] }, raw });
  }

  async function invitation(partnerName: string) {
    const meeting = await t.app.repositories.meetings.get(meetingId);
    const partners = await t.app.repositories.partners.listAll();
    const partner = partners.find((p) => p.name === partnerName)!;
    return { meeting: meeting!, answer: meeting!.invitations[partner.id] };
  }

  async function forwarded() {
    return Promise.all(outgoing.messages.map(async (m) => ({ to: m.to, mail: await simpleParser(m.raw) })));
  }

  it.each([
    ['gmail-accepted.eml', 'anna.peeters@gmail.com', 'ACCEPTED'],
    ['outlook-desktop-accepted.eml', 'ANNA.PEETERS@gmail.com', 'ACCEPTED'],
    ['outlook-web-tentative.eml', 'anna.peeters@gmail.com', 'TENTATIVE'],
    ['apple-declined.eml', 'anna.peeters@gmail.com', 'DECLINED'],
    ['thunderbird-accepted.eml', 'anna.peeters@gmail.com', 'ACCEPTED'],
    ['iso-8859-1-accepted.eml', 'anna.peeters@gmail.com', 'ACCEPTED'],
  ])('%s is recorded as the partner answer, like an answer link', async (fixture, attendee, response) => {
    await send(fixture, { attendee, dtstamp: '20261201T085500Z' });
    expect(outcomes).toEqual(['recorded']);
    const { answer } = await invitation('Bakkerij Peeters');
    expect(answer).toMatchObject({ response, respondedAt: '2026-12-01T08:55:00.000Z' });
    expect(outgoing.messages).toHaveLength(0);
  });

  it('the same reply twice changes nothing the second time; of a reply and a link answer the later wins', async () => {
    await send('gmail-accepted.eml', { dtstamp: '20261201T085500Z' });
    const first = await invitation('Bakkerij Peeters');
    await send('gmail-accepted.eml', { dtstamp: '20261201T085500Z' });
    const second = await invitation('Bakkerij Peeters');
    expect(outcomes).toEqual(['recorded', 'superseded']);
    expect(second.meeting.version).toBe(first.meeting.version);

    // A link answer after the reply was written wins over that reply arriving late ...
    t.clock.set('2026-12-01T09:30:00Z');
    await t.app.meetings.recordResponse(meetingId, first.answer.partnerId, 'DECLINED');
    await send('apple-declined.eml', { dtstamp: '20261201T091000Z' });
    await send('outlook-web-tentative.eml', { dtstamp: '20261201T092000Z' });
    expect((await invitation('Bakkerij Peeters')).answer).toMatchObject({ response: 'DECLINED', respondedAt: '2026-12-01T09:30:00.000Z' });
    // ... and a reply made after it wins over the link answer.
    t.clock.set('2026-12-01T10:00:00Z');
    await send('outlook-web-tentative.eml', { dtstamp: '20261201T094000Z' });
    expect((await invitation('Bakkerij Peeters')).answer).toMatchObject({ response: 'TENTATIVE', respondedAt: '2026-12-01T09:40:00.000Z' });
  });

  it('a DTSTAMP ahead of the clock counts as the moment the reply arrived', async () => {
    await send('gmail-accepted.eml', { dtstamp: '20301201T090000Z' });
    expect((await invitation('Bakkerij Peeters')).answer.respondedAt!.startsWith('2026-12-01')).toBe(true);
  });

  it('a reply to an older SEQUENCE counts when the time did not change since, else the person gets a note with the current time', async () => {
    const coordinator = await t.token('COORDINATOR');
    // A new place only: SEQUENCE 1, same time. A reply to SEQUENCE 0 still answers it.
    await t.graphql(
      reschedule,
      { input: { id: meetingId, startsAt: '2026-12-10T19:30:00+01:00', endsAt: '2026-12-10T21:30:00+01:00', location: 'Elders' } },
      coordinator,
    );
    await send('gmail-accepted.eml', { sequence: 0 });
    expect(outcomes).toEqual(['recorded']);

    // A new time: SEQUENCE 2. A reply to 0 or 1 is not recorded; the one to 2 is.
    await t.graphql(
      reschedule,
      { input: { id: meetingId, startsAt: '2026-12-11T19:30:00+01:00', endsAt: '2026-12-11T21:30:00+01:00' } },
      coordinator,
    );
    // The same reply delivered twice (another Received line on top): one note.
    const outdated = itipFixture('thunderbird-accepted.eml', { uid, attendee: 'anna.peeters@gmail.com', sequence: 1 });
    await sendRaw(outdated);
    await sendRaw(
      Buffer.concat([Buffer.from('Received: from relay2.example by mx.example; Tue, 1 Dec 2026 09:12:00 +0000\r\n'), outdated]),
    );
    expect(outcomes.slice(1)).toEqual(['outdated', 'outdated']);
    expect((await invitation('Bakkerij Peeters')).answer.response).toBe('NEEDS_ACTION');

    outgoing.messages.length = 0;
    await createDeliverer(t.app, createSmtpMailer(outgoing.url)).deliverDue();
    const notes = (await forwarded()).filter((m) => m.mail.subject?.startsWith('Je antwoord gold een oud tijdstip'));
    expect(notes).toHaveLength(1);
    expect(notes[0].to).toEqual(['anna.peeters@gmail.com']);
    expect(notes[0].mail.text).toContain('vrijdag 11 december 2026');
    expect(notes[0].mail.text).toMatch(/Ik kom: https:\/\/destek\.test\/rsvp\?token=[^&\s]+&answer=ACCEPTED/);

    await send('apple-declined.eml', { sequence: 2 });
    expect((await invitation('Bakkerij Peeters')).answer.response).toBe('DECLINED');
  });

  it('an automatic reply to an old version is not answered', async () => {
    const coordinator = await t.token('COORDINATOR');
    await t.graphql(
      reschedule,
      { input: { id: meetingId, startsAt: '2026-12-11T19:30:00+01:00', endsAt: '2026-12-11T21:30:00+01:00' } },
      coordinator,
    );
    const raw = itipFixture('gmail-accepted.eml', { uid, attendee: 'anna.peeters@gmail.com', sequence: 0 });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      envelope: { from: 'anna.peeters@gmail.com', to: [organizer] },
      raw: Buffer.concat([Buffer.from('Auto-Submitted: auto-generated\r\n'), raw]),
    });
    expect(outcomes).toEqual(['outdated']);
    const due = await t.app.repositories.outbox.findDue(new Date('2027-01-01T00:00:00Z'), 50);
    expect(due.filter((item) => item.type === 'dispatch' && item.dispatch.kind === 'meeting-stale-reply')).toHaveLength(0);
  });

  it.each([
    ['another-attendee.eml', { from: 'bart.jansens@bedrijf.be' }],
    ['forged-sender.eml', {}],
    ['winmail-dat.eml', {}],
    ['out-of-office.eml', {}],
    ['person-writing.eml', {}],
    ['malformed-calendar.eml', {}],
    ['huge-attachment.eml', { hugeBytes: 3 * 1024 * 1024 }],
  ])('%s is not recorded and reaches the coordinator untouched, marked as auto-forwarded', async (fixture, values) => {
    const raw = itipFixture(fixture, { uid, attendee: 'anna.peeters@gmail.com', ...values });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'x@example.org', to: [organizer] }, raw });
    expect(outcomes).toEqual(['forwarded']);
    expect((await invitation('Bakkerij Peeters')).answer.response).toBe('NEEDS_ACTION');
    const [forward] = await forwarded();
    expect(forward.to).toEqual([coordinatorEmail]);
    expect(forward.mail.headers.get('auto-submitted')).toBe('auto-forwarded');
    expect(forward.mail.subject).toMatch(/^Doorgestuurd: /);
    // Attached as the inbound server received it, byte for byte.
    expect(attachedOriginal(outgoing.messages[0].raw).equals(raw)).toBe(true);
  });

  it('a counter-proposal reaches the coordinator with the proposed time', async () => {
    await send('outlook-counter.eml', { attendee: 'bart.jansens@bedrijf.be' });
    expect(outcomes).toEqual(['counter-forwarded']);
    const [forward] = await forwarded();
    expect(forward.to).toEqual([coordinatorEmail]);
    expect(forward.mail.subject).toBe('Tegenvoorstel: Nieuwe tijd voorgesteld: Overleg De Stek');
    expect(forward.mail.text).toContain('Voorgesteld tijdstip: donderdag 10 december 2026');
    expect(forward.mail.text).toContain('20:00');
    expect(forward.mail.headers.get('auto-submitted')).toBe('auto-forwarded');
  });

  it('a forward of our own that comes back is dropped (no loop); other recipients are refused', async () => {
    await send('person-writing.eml');
    const [forward] = outgoing.messages;
    outgoing.messages.length = 0;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: organizer, to: [organizer] }, raw: forward.raw });
    expect(outcomes).toEqual(['forwarded', 'dropped']);
    expect(outgoing.messages).toHaveLength(0);
    await expect(send('gmail-accepted.eml', {}, 'someone@destek.test')).rejects.toThrow(/550/);
  });

  it('a reply from someone not invited, or to a meeting that is not ours, is forwarded', async () => {
    await send('gmail-accepted.eml', { attendee: 'stranger@example.org' });
    await send('gmail-accepted.eml', { uid: 'meeting-nope@destek.test' });
    await send('gmail-accepted.eml', { uid: 'abc@google.com' });
    expect(outcomes).toEqual(['forwarded', 'forwarded', 'forwarded']);
    expect(outgoing.messages).toHaveLength(3);
  });
});
