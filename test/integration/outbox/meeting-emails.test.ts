import { simpleParser, type ParsedMail } from 'mailparser';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { MailDeliveryError, type Mailer } from '../../../functions/mail/mailer';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';
import { parseIcs } from '../../support/parse-ics';
import { smtpReply, startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';

const cancel = `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { userErrors { code } } }`;
const reschedule = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { userErrors { code } } }`;
const changeInvitees = `mutation($input: ChangeMeetingInviteesInput!) { changeMeetingInvitees(input: $input) { userErrors { code } } }`;

interface Received {
  to: string;
  mail: ParsedMail;
  raw: string;
  ics: ReturnType<typeof parseIcs>;
  calendarContentType: string;
}

async function receive(smtp: SmtpTestServer, from = 0): Promise<Received[]> {
  return Promise.all(
    smtp.messages.slice(from).map(async (message) => {
      const raw = message.raw.toString('utf8');
      const mail = await simpleParser(message.raw);
      const calendarHeader = /Content-Type: text\/calendar[^\r\n]*(\r\n[ \t][^\r\n]*)*/i.exec(raw)?.[0] ?? '';
      const calendarPart =
        mail.attachments.find((a) => a.contentType === 'text/calendar') ?? (mail as unknown as { textAsCalendar?: string }).textAsCalendar;
      const icsText = typeof calendarPart === 'string' ? calendarPart : calendarPart!.content.toString('utf8');
      return { to: message.to[0], mail, raw, ics: parseIcs(icsText), calendarContentType: calendarHeader.replace(/\r\n[ \t]+/g, ' ') };
    }),
  );
}

describe('meeting emails through the outbox, a real SMTP server and independent parsers', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let refuseNext = 0;
  let mailer: Mailer;
  let coordinator: string;

  beforeAll(async () => {
    smtp = await startSmtpTestServer({ rejectData: () => (refuseNext-- > 0 ? smtpReply(451, 'Try again later') : null) });
    mailer = createSmtpMailer(smtp.url);
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    refuseNext = 0;
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    coordinator = await t.token('COORDINATOR');
  });

  const deliver = () => createDeliverer(t.app, mailer).deliverDue();

  it('sends each representative one invitation that calendars show with answer buttons', async () => {
    await createPartner(t, {
      name: 'Bakkerij Peeters',
      representatives: [
        { name: 'Jan "Jantje" Peeters', email: 'jan@bakkerij.be' },
        { name: 'Els Peeters', email: 'els@bakkerij.be' },
      ],
    });
    await createPartner(t, { name: 'Fietsatelier', email: 'hallo@fietsatelier.be', representatives: [] });
    const meeting = await scheduleMeeting(t, { title: 'Overleg december' });

    const report = await deliver();

    expect(report).toMatchObject({ sent: 3, failed: 0 });
    const received = await receive(smtp);
    expect(received.map((r) => r.to).sort()).toEqual(['els@bakkerij.be', 'hallo@fietsatelier.be', 'jan@bakkerij.be']);
    const jan = received.find((r) => r.to === 'jan@bakkerij.be')!;
    expect((jan.mail.to as { value: { name: string; address: string }[] }).value).toEqual([
      { name: 'Jan "Jantje" Peeters', address: 'jan@bakkerij.be' },
    ]);
    expect(jan.mail.subject).toBe('Uitnodiging: Overleg december op donderdag 10 december 2026 om 19:30');
    expect(jan.mail.text).toContain('donderdag 10 december 2026, 19:30–21:30');
    expect(jan.mail.text).toContain('Buurthuis, Sint-Pietersaalststraat, Gent');
    expect(jan.mail.html).toContain('Ik kom');
    expect(jan.calendarContentType).toMatch(/text\/calendar;.*method=REQUEST/i);
    expect(jan.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(jan.ics.method).toBe('REQUEST');
    expect(jan.ics.events).toHaveLength(1);
    const event = jan.ics.events[0];
    expect(event.uid).toBe(`meeting-${meeting.id}@destek.test`);
    expect(event.sequence).toBe(0);
    expect(event.start.toISOString()).toBe('2026-12-10T18:30:00.000Z');
    expect(event.end.toISOString()).toBe('2026-12-10T20:30:00.000Z');
    expect(event.stampIsUtc).toBe(true);
    expect(event.organizer.value.toLowerCase()).toBe('mailto:overleg@destek.test');
    // Need to know: Jan's copy names Jan (and the organizer), not the other invitees' addresses.
    expect(event.attendees.map((a) => [a.value.toLowerCase(), a.partstat, a.rsvp])).toEqual([
      ['mailto:jan@bakkerij.be', 'NEEDS-ACTION', 'TRUE'],
    ]);
    expect(jan.raw).not.toMatch(/els@bakkerij\.be|hallo@fietsatelier\.be/i);
    expect(new Set(received.map((r) => r.mail.messageId)).size).toBe(3);

    const again = await deliver();
    expect(again.sent).toBe(0);
    expect(smtp.messages).toHaveLength(3);
  });

  it('sends an update with the same UID and a higher SEQUENCE, then a CANCEL', async () => {
    await createPartner(t, { representatives: [{ name: 'An', email: 'an@example.be' }] });
    const meeting = await scheduleMeeting(t);
    await deliver();

    await t.graphql(
      reschedule,
      {
        input: {
          id: meeting.id,
          startsAt: '2026-12-11T20:00:00+01:00',
          endsAt: '2026-12-11T22:00:00+01:00',
          location: 'Bibliotheek De Krook',
        },
      },
      coordinator,
    );
    await deliver();
    await t.graphql(cancel, { input: { id: meeting.id, reason: 'Te weinig deelnemers' } }, coordinator);
    await deliver();

    const [invite, update, cancellation] = await receive(smtp);
    expect(update.mail.subject).toMatch(/^Gewijzigd: /);
    expect(update.ics.method).toBe('REQUEST');
    expect(update.ics.events[0]).toMatchObject({ uid: invite.ics.events[0].uid, sequence: 1, location: 'Bibliotheek De Krook' });
    expect(update.ics.events[0].start.toISOString()).toBe('2026-12-11T19:00:00.000Z');
    expect(cancellation.mail.subject).toMatch(/^Geannuleerd: /);
    expect(cancellation.mail.text).toContain('Te weinig deelnemers');
    expect(cancellation.calendarContentType).toMatch(/method=CANCEL/i);
    expect(cancellation.ics.method).toBe('CANCEL');
    expect(cancellation.ics.events[0]).toMatchObject({ uid: invite.ics.events[0].uid, sequence: 2, status: 'CANCELLED' });
  });

  it('cancels for a partner taken off the meeting and invites one added later to the current version', async () => {
    const stays = await createPartner(t, { representatives: [{ name: 'Blijft', email: 'blijft@example.be' }] });
    const leaves = await createPartner(t, { representatives: [{ name: 'Gaat', email: 'gaat@example.be' }] });
    const meeting = await scheduleMeeting(t, { inviteePartnerIds: [stays.id, leaves.id] });
    await t.graphql(
      reschedule,
      { input: { id: meeting.id, startsAt: '2026-12-11T19:30:00+01:00', endsAt: '2026-12-11T21:30:00+01:00' } },
      coordinator,
    );
    await deliver();
    const before = smtp.messages.length;
    const joins = await createPartner(t, { representatives: [{ name: 'Nieuw', email: 'nieuw@example.be' }] });

    const result = await t.graphql(
      changeInvitees,
      { input: { id: meeting.id, addPartnerIds: [joins.id], removePartnerIds: [leaves.id] } },
      coordinator,
    );
    expect(result.data.changeMeetingInvitees.userErrors).toEqual([]);
    await deliver();

    const received = await receive(smtp, before);
    expect(received.map((r) => [r.to, r.ics.method, r.ics.events[0].sequence]).sort()).toEqual([
      ['gaat@example.be', 'CANCEL', 1],
      ['nieuw@example.be', 'REQUEST', 1],
    ]);
    const cancelForLeaver = received.find((r) => r.to === 'gaat@example.be')!;
    expect(cancelForLeaver.ics.events[0].attendees.map((a) => a.value.toLowerCase())).toEqual(['mailto:gaat@example.be']);
    // The mail says the partner was taken off this meeting, not that the meeting is cancelled.
    expect(cancelForLeaver.mail.subject).toBe('Niet langer uitgenodigd: Overleg De Stek op vrijdag 11 december 2026 om 19:30');
    expect(cancelForLeaver.mail.text).toContain(`${leaves.name} staat niet langer op de lijst van genodigden voor Overleg De Stek.`);
    expect(cancelForLeaver.mail.text).toContain('De vergadering zelf gaat wel door');
    expect(cancelForLeaver.mail.text).not.toMatch(/gaat niet door|Geannuleerd/);
  });

  it('sends each message once when two jobs run at the same time', async () => {
    for (let i = 0; i < 8; i += 1) await createPartner(t);
    await scheduleMeeting(t);

    const [a, b] = await Promise.all([deliver(), deliver()]);

    expect(a.sent + b.sent).toBe(8);
    expect(smtp.messages).toHaveLength(8);
    expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(8);
  });

  it('retries a temporary SMTP refusal with back-off and delivers later, once', async () => {
    await createPartner(t, { representatives: [{ name: 'Geduld', email: 'geduld@example.be' }] });
    await scheduleMeeting(t);
    refuseNext = 2;

    const first = await deliver();
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    expect(await deliver()).toMatchObject({ sent: 0, retried: 0 });

    t.clock.advance(61_000);
    expect(await deliver()).toMatchObject({ sent: 0, retried: 1 });
    t.clock.advance(60_000);
    expect(await deliver()).toMatchObject({ sent: 0 });
    t.clock.advance(61_000);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.messages).toHaveLength(1);
  });

  it('marks a permanent refusal as failed and does not retry it', async () => {
    await createPartner(t, { representatives: [{ name: 'Weg', email: 'bestaat-niet@example.be' }] });
    const permanent = await startSmtpTestServer({ rejectData: () => smtpReply(550, 'No such user') });
    try {
      await scheduleMeeting(t);
      const report = await createDeliverer(t.app, createSmtpMailer(permanent.url)).deliverDue();
      expect(report).toMatchObject({ sent: 0, failed: 1, retried: 0 });
      t.clock.advance(24 * 3600_000);
      expect(await deliver()).toMatchObject({ sent: 0, failed: 0, retried: 0 });
    } finally {
      await permanent.close();
    }
  });

  it('puts a permanently refused address on the suppression list, so no later mail is written to it', async () => {
    await createPartner(t, { representatives: [{ name: 'Weg', email: 'Bestaat-Niet@example.be' }] });
    const permanent = await startSmtpTestServer({ rejectData: () => smtpReply(550, 'No such user') });
    let meeting: { id: string };
    try {
      meeting = await scheduleMeeting(t);
      expect(await createDeliverer(t.app, createSmtpMailer(permanent.url)).deliverDue()).toMatchObject({ failed: 1 });
    } finally {
      await permanent.close();
    }
    expect(await t.app.repositories.suppressions.find(' bestaat-niet@example.be')).toMatchObject({ reason: 'BOUNCED', source: 'SMTP_550' });

    await createPartner(t, { representatives: [{ name: 'Blijft', email: 'blijft@example.be' }] });
    await t.graphql(
      reschedule,
      { input: { id: meeting.id, startsAt: '2026-12-11T20:00:00+01:00', endsAt: '2026-12-11T22:00:00+01:00' } },
      coordinator,
    );
    const report = await deliver();
    expect(report).toMatchObject({ suppressed: 1 });
    expect(smtp.messages.flatMap((m) => m.to)).not.toContain('bestaat-niet@example.be');

    // A second verdict keeps the first one.
    await t.app.repositories.suppressions.suppress('bestaat-niet@example.be', 'COMPLAINED', 'SES_COMPLAINT', t.clock.now());
    expect(await t.app.repositories.suppressions.find('bestaat-niet@example.be')).toMatchObject({ reason: 'BOUNCED' });
  });

  it('does not write again, in the same run, to an address a mail server refused a moment before', async () => {
    await createPartner(t, { representatives: [{ name: 'Weg', email: 'weg@example.be' }] });
    const permanent = await startSmtpTestServer({ rejectData: () => smtpReply(550, 'No such user') });
    try {
      // Two meetings: two messages to the same address, due in the same round.
      await scheduleMeeting(t, { title: 'Overleg één' });
      await scheduleMeeting(t, { title: 'Overleg twee' });
      expect(await createDeliverer(t.app, createSmtpMailer(permanent.url)).deliverDue()).toMatchObject({
        sent: 0,
        failed: 1,
        suppressed: 1,
      });
    } finally {
      await permanent.close();
    }
  });

  it('reads the suppression list once per round of due messages, not once per message', async () => {
    for (let i = 0; i < 4; i += 1) await createPartner(t, { representatives: [{ name: `Rep ${i}`, email: `rep-${i}@example.be` }] });
    await scheduleMeeting(t);
    await t.app.repositories.suppressions.suppress('rep-2@example.be', 'BOUNCED', 'SMTP_550', t.clock.now());
    // Round 1 expands the dispatch, round 2 sends its 4 messages, round 3 finds nothing due.
    t.roundTrips.reset();
    const report = await deliver();
    expect(report).toMatchObject({ expanded: 4, sent: 3, suppressed: 1 });
    expect(t.roundTrips.byCommand.QueryCommand).toBe(3);
    // One for the round's suppressions, one for the copies that exist already when it expands.
    expect(t.roundTrips.byCommand.BatchGetItemCommand).toBe(2);
    expect(t.roundTrips.byCommand.GetItemCommand).toBeUndefined();
  });

  it('fails a message SES refuses to take, without putting its address on the suppression list', async () => {
    await createPartner(t, { representatives: [{ name: 'Nog niet geverifieerd', email: 'sandbox@example.be' }] });
    await scheduleMeeting(t);
    const refusing: Mailer = {
      send: async () => {
        throw new MailDeliveryError('Mail delivery failed permanently: SES BadRequestException', {
          permanent: true,
          code: 'BadRequestException',
          source: 'SES_BadRequestException',
        });
      },
    };
    expect(await createDeliverer(t.app, refusing).deliverDue()).toMatchObject({ failed: 1, retried: 0 });
    expect(await t.app.repositories.suppressions.find('sandbox@example.be')).toBeUndefined();
  });

  it('sets aside, to check, what a job that died halfway had claimed, without resending anything', async () => {
    for (let i = 0; i < 3; i += 1) await createPartner(t);
    await scheduleMeeting(t);
    let sends = 0;
    const dying: Mailer = {
      send: (email) => {
        sends += 1;
        // The second send never finishes: the process "dies" with that message claimed.
        return sends === 2 ? new Promise(() => undefined) : mailer.send(email);
      },
    };
    // One message at a time, so the run dies before it claims the third (concurrent runs: below).
    const abandoned = createDeliverer(t.app, dying, { concurrency: 1 }).deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    void abandoned;
    expect(smtp.messages).toHaveLength(1);

    const meanwhile = await deliver();
    expect(meanwhile.sent).toBe(1);
    t.clock.advance(5 * 60_000 + 1000);
    // The transport may have taken the dying run's message: after its lease it is not sent again.
    const afterLease = await deliver();
    expect(afterLease).toMatchObject({ sent: 0, checked: 1 });
    expect(smtp.messages).toHaveLength(2);
    expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(2);

    // Queued again on purpose (it did not arrive), it goes out once.
    expect(await createDeliverer(t.app, mailer).requeueFailed({ includeCheck: true })).toEqual({ requeued: 1, left: 0 });
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(new Set(smtp.messages.map((m) => m.to[0])).size).toBe(3);
  });

  it('sets aside, to check, every message a concurrent run had in flight when it died, and resends none', async () => {
    for (let i = 0; i < 4; i += 1) await createPartner(t);
    await scheduleMeeting(t);
    let sends = 0;
    const addresses = new Set<string>();
    const ours = () => smtp.messages.filter((m) => addresses.has(m.to[0]));
    const dying: Mailer = {
      send: (email) => {
        sends += 1;
        addresses.add(typeof email.to === 'string' ? email.to : email.to.address);
        // The first send proves the transport; then the process "dies": no send after it finishes.
        return sends === 1 ? mailer.send(email) : new Promise(() => undefined);
      },
    };
    const abandoned = createDeliverer(t.app, dying, { concurrency: 8 }).deliverDue();
    void abandoned;
    // The other three are claimed side by side, not one after the other (the third would never start).
    for (let waited = 0; sends < 4 && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sends).toBe(4);
    expect(ours()).toHaveLength(1);
    expect(await deliver()).toMatchObject({ sent: 0, checked: 0 });
    t.clock.advance(5 * 60_000 + 1000);
    expect(await deliver()).toMatchObject({ sent: 0, checked: 3 });
    expect(ours()).toHaveLength(1);
  });

  it('answers through the email link: GET shows a form and changes nothing, POST records the answer', async () => {
    const partner = await createPartner(t, { representatives: [{ name: 'Lien', email: 'lien@example.be' }] });
    const meeting = await scheduleMeeting(t);
    await deliver();
    const [mail] = await receive(smtp);
    const link = /https:\/\/destek\.test\/rsvp\?token=[^\s)>\]]+answer=ACCEPTED/.exec(mail.mail.text ?? '')![0];
    const url = new URL(link);

    const page = await t.request({ method: 'GET', path: url.pathname, rawQuery: url.search.slice(1) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<form method="post"');
    const afterGet = await t.app.repositories.meetings.get(meeting.id);
    expect(afterGet!.invitations[partner.id].response).toBe('NEEDS_ACTION');

    const form = new URLSearchParams({ token: url.searchParams.get('token')!, response: 'ACCEPTED' }).toString();
    const posted = await t.request({
      method: 'POST',
      path: '/rsvp',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toContain('Bedankt');
    const afterPost = await t.app.repositories.meetings.get(meeting.id);
    expect(afterPost!.invitations[partner.id].response).toBe('ACCEPTED');

    const tampered = new URLSearchParams({ token: url.searchParams.get('token')!.slice(0, -2) + 'xx', response: 'DECLINED' }).toString();
    const refused = await t.request({
      method: 'POST',
      path: '/rsvp',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: tampered,
    });
    expect(refused.status).toBe(400);

    t.clock.set('2026-12-12T12:00:00Z');
    const expired = await t.request({
      method: 'POST',
      path: '/rsvp',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('verlopen');
  });

  it('writes to an English-speaking representative in English (mail, calendar text, answer page), with a switch to Dutch that changes nothing', async () => {
    const partner = await createPartner(t, {
      representatives: [
        { name: 'Amy', email: 'amy@example.be', language: 'EN' },
        { name: 'Lien', email: 'lien@example.be' },
      ],
    });
    const meeting = await scheduleMeeting(t, { themes: ['Buurtfeest'] });
    await deliver();
    const mails = await receive(smtp);
    expect(mails).toHaveLength(2);
    const english = mails.find((m) => m.mail.text?.startsWith('Dear Amy,'))!;
    const dutch = mails.find((m) => m.mail.text?.startsWith('Dag Lien,'))!;
    expect(english.mail.subject).toMatch(/^Invitation: .+ on \w+day \d+ \w+ 2026 at \d\d:\d\d$/);
    expect(english.mail.text).toContain('Themes:\n- Buurtfeest');
    expect(english.mail.text).toContain('I’m coming: https://destek.test/rsvp?token=');
    expect(dutch.mail.subject).toMatch(/^Uitnodiging: /);
    expect(english.ics.events[0].description).toBe('Themes: Buurtfeest');
    expect(dutch.ics.events[0].description).toBe("Thema's: Buurtfeest");

    const url = new URL(/https:\/\/destek\.test\/rsvp\?token=[^\s)>\]]+answer=ACCEPTED/.exec(english.mail.text ?? '')![0]);
    const page = await t.request({
      method: 'GET',
      path: url.pathname,
      rawQuery: url.search.slice(1),
      headers: { 'accept-language': 'nl-BE' },
    });
    expect(page.body).toContain('<html lang="en-GB">');
    expect(page.body).toContain('Are you coming to the meeting?');
    expect(page.body).toContain('>I’m coming</button>');
    const switchHref = /<a href="([^"]+)" hreflang="nl"/.exec(page.body)![1].replace(/&amp;/g, '&');
    expect(new URLSearchParams(switchHref.slice(1)).get('answer')).toBe('ACCEPTED');
    const switched = await t.request({ method: 'GET', path: url.pathname, rawQuery: switchHref.slice(1) });
    expect(switched.body).toContain('Kom je naar het overleg?');
    expect(switched.body).toContain('<input type="hidden" name="lang" value="nl">');
    expect((await t.app.repositories.meetings.get(meeting.id))!.invitations[partner.id].response).toBe('NEEDS_ACTION');

    // The POST of the switched page answers in the language it was shown in.
    const posted = await t.request({
      method: 'POST',
      path: '/rsvp',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: url.searchParams.get('token')!, response: 'TENTATIVE', lang: 'nl' }).toString(),
    });
    expect(posted.body).toContain('Je antwoord: <strong>Misschien</strong>.');
    // A broken link has no person: the browser's language decides.
    const broken = await t.request({
      method: 'GET',
      path: '/rsvp',
      rawQuery: 'token=nope',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toContain('This link is not valid.');
  });
});
