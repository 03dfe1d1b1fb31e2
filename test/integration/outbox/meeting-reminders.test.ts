import { simpleParser, type ParsedMail } from 'mailparser';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import type { Mailer } from '../../../functions/mail/mailer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { scheduledJobs } from '../../../functions/runtime/scheduled-jobs';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { parseIcs } from '../../support/parse-ics';
import { startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, type TestApp } from '../../support/test-app';

interface Received {
  to: string;
  mail: ParsedMail;
  /** From the Message-ID of a reminder (`<reminder.<meeting>.<kind>.v<n>.<key>@…>`); absent on other mails. */
  reminder?: { meetingId: string; kind: string };
}

const coordinatorAddress = 'coordinator@destek.local';
const reschedule = `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { userErrors { code } } }`;
const cancel = `mutation($input: CancelMeetingInput!) { cancelMeeting(input: $input) { userErrors { code } } }`;
const respond = `mutation($input: RespondToMeetingInput!) { respondToMeeting(input: $input) { userErrors { code } } }`;
const proposeTopic = `mutation($input: ProposeTopicInput!) { proposeTopic(input: $input) { userErrors { code message } } }`;
const recordOutcome = `mutation($input: RecordMeetingOutcomeInput!) { recordMeetingOutcome(input: $input) {
  meeting { id status nextMeeting { id startsAt } } userErrors { code message } } }`;

const none = { agenda: 0, day: 0, minutes: 0, nextDate: 0, voided: 0, skipped: 0 };

describe('meeting reminders: the job, the outbox, a real SMTP server', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let mailer: Mailer;
  let seen = 0;
  /** Every mail that arrived in the test, for the counts at its end. */
  let all: Received[] = [];

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    mailer = createSmtpMailer(smtp.url);
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    seen = 0;
    all = [];
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  });

  /** The job at the clock's time, or as if at `asOf`. */
  const runJob = (asOf?: string) => t.app.meetingReminders.sendDueReminders(asOf ? new Date(asOf) : undefined);

  /** Delivers what the outbox holds (at the clock's time) and returns the mails that arrived since the last call. */
  async function deliver(): Promise<Received[]> {
    await createDeliverer(t.app, mailer).deliverDue();
    const fresh = smtp.messages.slice(seen);
    seen = smtp.messages.length;
    const received = await Promise.all(
      fresh.map(async (message) => {
        const mail = await simpleParser(message.raw);
        const match = /^<reminder\.([^.]+)\.([a-z0-9-]+)\.v\d+\./.exec(mail.messageId ?? '');
        return { to: message.to[0], mail, ...(match ? { reminder: { meetingId: match[1], kind: match[2] } } : {}) };
      }),
    );
    all.push(...received);
    return received;
  }

  const reminders = (received: Received[]) => received.filter((r) => r.reminder);
  const addressesOf = (received: Received[]) => received.map((r) => r.to).sort();
  const icsOf = (mail: ParsedMail) => {
    const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
    return part ? parseIcs(part.content.toString('utf8')) : undefined;
  };

  async function network() {
    const bakery = await createPartner(t, {
      name: 'Bakkerij Peeters',
      representatives: [{ name: 'Anna Peeters', email: 'anna@bakkerij.be' }],
    });
    const bikes = await createPartner(t, {
      name: 'Fietsatelier',
      representatives: [{ name: 'Ben Smith', email: 'ben@fietsatelier.be', language: 'EN' }],
    });
    const choir = await createPartner(t, { name: 'Buurtkoor', email: 'koor@example.be', representatives: [] });
    return { bakery, bikes, choir };
  }

  async function as(partnerId: string) {
    return t.token('PARTNER', { partnerId });
  }

  async function ok(query: string, input: Record<string, unknown>, token?: string) {
    const result = await t.graphql(query, { input }, token ?? (await t.token('COORDINATOR')));
    const payload: any = Object.values(result.data ?? {})[0];
    if (result.errors || payload?.userErrors?.length) throw new Error(JSON.stringify(result));
    return payload;
  }

  it('is a scheduled job every 15 minutes that needs no link secret (deliver-outbox signs the links)', () => {
    expect(scheduledJobs.find((job) => job.name === 'send-meeting-reminders')).toMatchObject({
      schedule: 'rate(15 minutes)',
      sendsMail: false,
      usesLinkSigningSecret: false,
    });
  });

  it('walks a month of the cycle: two meetings, topics, a reschedule, minutes late, the next date missing then agreed; each reminder once', async () => {
    const { bakery, bikes, choir } = await network();
    const invitees = [bakery.id, bikes.id, choir.id];

    // 1 December: the first meeting, on 10 December.
    const first = await scheduleMeeting(t, {
      title: 'Overleg december',
      startsAt: '2026-12-10T19:30:00+01:00',
      endsAt: '2026-12-10T21:30:00+01:00',
      inviteePartnerIds: invitees,
    });
    expect(await runJob()).toEqual(none);
    expect(addressesOf(await deliver())).toEqual(['anna@bakkerij.be', 'ben@fietsatelier.be', 'koor@example.be']);

    // 3 December: a topic proposed, answers given.
    t.clock.set('2026-12-03T10:00:00Z');
    await ok(
      proposeTopic,
      { meetingId: first.id, title: 'Samen inkopen', description: 'Kunnen we samen verpakkingen bestellen?' },
      await as(bakery.id),
    );
    await ok(respond, { meetingId: first.id, response: 'ACCEPTED' }, await as(bikes.id));
    await ok(respond, { meetingId: first.id, response: 'DECLINED' }, await as(choir.id));

    // 5 December: moved to 14 December. The reminders for the 10th are void; everyone is asked again.
    t.clock.set('2026-12-05T10:00:00Z');
    await ok(reschedule, { id: first.id, startsAt: '2026-12-14T19:30:00+01:00', endsAt: '2026-12-14T21:30:00+01:00' });
    expect((await deliver()).map((r) => r.mail.subject)).toHaveLength(3);
    await ok(respond, { meetingId: first.id, response: 'ACCEPTED' }, await as(bikes.id));
    await ok(respond, { meetingId: first.id, response: 'DECLINED' }, await as(choir.id));

    // When the agenda of the old time would have gone out, and on its day: nothing.
    t.clock.set('2026-12-07T19:00:00Z');
    expect(await runJob()).toEqual(none);
    t.clock.set('2026-12-10T07:00:00Z');
    expect(await runJob()).toEqual(none);
    expect(await deliver()).toEqual([]);

    // 11 December, three days before the new time: the agenda to every invited partner, with the .ics again.
    t.clock.set('2026-12-11T18:30:00Z');
    expect(await runJob()).toEqual({ ...none, agenda: 1 });
    expect(await runJob()).toEqual(none);
    const agenda = await deliver();
    expect(addressesOf(agenda)).toEqual(['anna@bakkerij.be', 'ben@fietsatelier.be', 'koor@example.be']);
    const anna = agenda.find((r) => r.to === 'anna@bakkerij.be')!.mail;
    expect(anna.subject).toBe('De agenda voor Overleg december van maandag 14 december 2026');
    expect(anna.text).toMatch(/^Dag Anna Peeters,\n/);
    expect(anna.text).toContain('Binnen 3 dagen komen we weer samen voor het overleg van Locon De Stek.');
    expect(anna.text).toContain('Open ruimte: Samen inkopen (voorgesteld door Bakkerij Peeters)');
    expect(anna.text).toContain('Kunnen we samen verpakkingen bestellen?');
    expect(anna.text).toContain('https://destek.test/rsvp?token=');
    const ben = agenda.find((r) => r.to === 'ben@fietsatelier.be')!.mail;
    expect(ben.subject).toBe('The agenda for Overleg december on Monday 14 December 2026');
    expect(ben.text).toContain('Open space: Samen inkopen (proposed by Bakkerij Peeters)');
    // The same calendar entry as the current invitation (the update of 5 December): UID and SEQUENCE.
    const ics = icsOf(ben)!;
    expect(ics.method).toBe('REQUEST');
    expect(ics.events[0]).toMatchObject({ uid: `meeting-${first.id}@destek.test`, sequence: 1 });
    expect(ics.events[0].start.toISOString()).toBe('2026-12-14T18:30:00.000Z');
    expect(ics.events[0].attendees).toEqual([expect.objectContaining({ value: 'MAILTO:ben@fietsatelier.be', partstat: 'ACCEPTED' })]);

    // The morning of the meeting: those who accepted or did not answer; not who declined.
    t.clock.set('2026-12-14T07:00:00Z');
    expect(await runJob()).toEqual({ ...none, day: 1 });
    const day = await deliver();
    expect(addressesOf(day)).toEqual(['anna@bakkerij.be', 'ben@fietsatelier.be']);
    const annaDay = day.find((r) => r.to === 'anna@bakkerij.be')!.mail;
    expect(annaDay.subject).toBe('Vandaag om 19:30: Overleg december');
    expect(annaDay.text).toContain('We kregen nog geen antwoord van je');
    expect(icsOf(annaDay)).toBeUndefined();
    expect(day.find((r) => r.to === 'ben@fietsatelier.be')!.mail.subject).toBe('Today at 19:30: Overleg december');

    // The meeting took place; no outcome recorded: the coordinator is reminded 3 and 7 days after.
    t.clock.set('2026-12-17T06:59:00Z');
    expect(await runJob()).toEqual(none);
    t.clock.set('2026-12-17T07:00:00Z');
    expect(await runJob()).toEqual({ ...none, minutes: 1 });
    const late = await deliver();
    expect(addressesOf(late)).toEqual([coordinatorAddress]);
    expect(late[0].mail.subject).toBe('Nog geen verslag van Overleg december van maandag 14 december 2026');
    expect(late[0].mail.text).toContain('is intussen 3 dagen geleden');
    t.clock.set('2026-12-21T07:00:00Z');
    expect(await runJob()).toEqual({ ...none, minutes: 1 });
    expect((await deliver())[0].mail.text).toContain('is intussen 7 dagen geleden');

    // 22 December: the outcome, without a next meeting. The next morning the coordinator hears it.
    t.clock.set('2026-12-22T10:00:00Z');
    await ok(recordOutcome, {
      id: first.id,
      minutes: 'Samen inkopen: proefbestelling in januari.',
      attendedPartnerIds: [bakery.id, bikes.id],
    });
    await deliver();
    t.clock.set('2026-12-23T06:59:00Z');
    expect(await runJob()).toEqual(none);
    t.clock.set('2026-12-23T07:00:00Z');
    expect(await runJob()).toEqual({ ...none, nextDate: 1 });
    const nextDate = reminders(await deliver());
    expect(addressesOf(nextDate)).toEqual([coordinatorAddress]);
    expect(nextDate[0].mail.subject).toBe('Nog geen volgende datum na Overleg december van maandag 14 december 2026');

    // The date is agreed after all, through the outcome: the second meeting, same invitees.
    t.clock.set('2026-12-23T09:00:00Z');
    const held = await ok(recordOutcome, {
      id: first.id,
      attendedPartnerIds: [bakery.id, bikes.id],
      nextMeeting: { startsAt: '2027-01-07T19:30:00+01:00', endsAt: '2027-01-07T21:30:00+01:00' },
    });
    const second = held.meeting.nextMeeting;
    expect(second.id).toBeDefined();
    const invitations = await deliver();
    expect(addressesOf(invitations.filter((r) => r.mail.messageId?.startsWith(`<meeting.${second.id}.`)))).toEqual([
      'anna@bakkerij.be',
      'ben@fietsatelier.be',
      'koor@example.be',
    ]);

    // A topic for the second meeting; its agenda goes out on 4 January, the day's reminder on the 7th.
    t.clock.set('2027-01-02T10:00:00Z');
    await ok(proposeTopic, { meetingId: second.id, title: 'Werf in de straat' }, await as(bikes.id));
    t.clock.set('2027-01-04T18:30:00Z');
    expect(await runJob()).toEqual({ ...none, agenda: 1 });
    const secondAgenda = await deliver();
    expect(addressesOf(secondAgenda)).toEqual(['anna@bakkerij.be', 'ben@fietsatelier.be', 'koor@example.be']);
    expect(secondAgenda.find((r) => r.to === 'anna@bakkerij.be')!.mail.text).toContain(
      'Open ruimte: Werf in de straat (voorgesteld door Fietsatelier)',
    );
    t.clock.set('2027-01-07T07:00:00Z');
    expect(await runJob()).toEqual({ ...none, day: 1 });
    expect(addressesOf(await deliver())).toEqual(['anna@bakkerij.be', 'ben@fietsatelier.be', 'koor@example.be']);

    // Held on time, with the next date: no reminder to the coordinator follows.
    t.clock.set('2027-01-08T09:00:00Z');
    await ok(recordOutcome, {
      id: second.id,
      minutes: 'Werf: brief aan de stad.',
      attendedPartnerIds: invitees,
      nextMeeting: { startsAt: '2027-01-21T19:30:00+01:00', endsAt: '2027-01-21T21:30:00+01:00' },
    });
    await deliver();
    for (const moment of ['2027-01-09T07:00:00Z', '2027-01-10T07:00:00Z', '2027-01-14T07:00:00Z']) {
      t.clock.set(moment);
      expect(await runJob()).toEqual(none);
    }
    expect(reminders(await deliver())).toEqual([]);

    // Each reminder exactly once per recipient.
    const counts = new Map<string, number>();
    for (const r of reminders(all)) {
      const key = `${r.reminder!.meetingId === first.id ? 'first' : 'second'} ${r.reminder!.kind} ${r.to}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries([...counts].sort())).toEqual({
      'first agenda anna@bakkerij.be': 1,
      'first agenda ben@fietsatelier.be': 1,
      'first agenda koor@example.be': 1,
      'first day anna@bakkerij.be': 1,
      'first day ben@fietsatelier.be': 1,
      [`first minutes-3 ${coordinatorAddress}`]: 1,
      [`first minutes-7 ${coordinatorAddress}`]: 1,
      [`first next-date ${coordinatorAddress}`]: 1,
      'second agenda anna@bakkerij.be': 1,
      'second agenda ben@fietsatelier.be': 1,
      'second agenda koor@example.be': 1,
      'second day anna@bakkerij.be': 1,
      'second day ben@fietsatelier.be': 1,
      'second day koor@example.be': 1,
    });
  }, 180_000);

  it('two runs at once, and a rerun, send a reminder once', async () => {
    await network();
    await scheduleMeeting(t, { startsAt: '2026-12-10T19:30:00+01:00', endsAt: '2026-12-10T21:30:00+01:00' });
    await deliver();
    t.clock.set('2026-12-07T18:30:00Z');
    const reports = await Promise.all([runJob(), runJob(), runJob()]);
    expect(reports.reduce((sum, report) => sum + report.agenda, 0)).toBe(1);
    expect(await runJob()).toEqual(none);
    expect(addressesOf(await deliver())).toEqual(['anna@bakkerij.be', 'ben@fietsatelier.be', 'koor@example.be']);
  });

  it('a run with a future --now decides as of then, but its mail leaves now', async () => {
    await network();
    await scheduleMeeting(t, { startsAt: '2026-12-10T19:30:00+01:00', endsAt: '2026-12-10T21:30:00+01:00' });
    await deliver();
    // It is 1 December; the agenda is due on the 7th.
    expect(await runJob('2026-12-07T19:00:00Z')).toEqual({ ...none, agenda: 1 });
    expect(reminders(await deliver())).toHaveLength(3);
  });

  it('a cancelled meeting has no reminders left, before or after its time', async () => {
    await network();
    const meeting = await scheduleMeeting(t, { startsAt: '2026-12-10T19:30:00+01:00', endsAt: '2026-12-10T21:30:00+01:00' });
    await ok(cancel, { id: meeting.id, reason: 'Zaal niet vrij' });
    await deliver();
    for (const moment of ['2026-12-07T19:00:00Z', '2026-12-10T07:00:00Z', '2026-12-13T07:00:00Z', '2026-12-17T07:00:00Z']) {
      expect(await runJob(moment)).toEqual(none);
    }
    expect(reminders(await deliver())).toEqual([]);
  });

  it('a next meeting scheduled before the reminder is due voids it', async () => {
    await network();
    const meeting = await scheduleMeeting(t, { startsAt: '2026-12-02T19:30:00+01:00', endsAt: '2026-12-02T21:30:00+01:00' });
    t.clock.set('2026-12-03T08:00:00Z');
    await ok(recordOutcome, { id: meeting.id, attendedPartnerIds: [] });
    // The reminder is due on the 4th at 08:00; on the 3rd the coordinator schedules the next one.
    await scheduleMeeting(t, {
      startsAt: '2026-12-17T19:30:00+01:00',
      endsAt: '2026-12-17T21:30:00+01:00',
      previousMeetingId: meeting.id,
    });
    expect(await runJob('2026-12-04T08:00:00Z')).toEqual(none);
    expect((await deliver()).filter((r) => r.to === coordinatorAddress)).toEqual([]);
  });

  it('a job that was down past the start drops the agenda and the day reminder, and still asks for the minutes', async () => {
    await network();
    await scheduleMeeting(t, { startsAt: '2026-12-10T19:30:00+01:00', endsAt: '2026-12-10T21:30:00+01:00' });
    expect(await runJob('2026-12-13T08:00:00Z')).toEqual({ ...none, minutes: 1, voided: 2 });
    expect(await runJob('2026-12-13T08:00:00Z')).toEqual(none);
    expect(addressesOf(reminders(await deliver()))).toEqual([coordinatorAddress]);
  });
});
