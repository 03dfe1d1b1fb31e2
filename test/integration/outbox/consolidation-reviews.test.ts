import { simpleParser, type ParsedMail } from 'mailparser';
import { createApp } from '../../../functions/app/create-app';
import { createDeliverer } from '../../../functions/app/create-deliverer';
import { scheduledJobs } from '../../../functions/runtime/scheduled-jobs';
import type { Mailer } from '../../../functions/mail/mailer';
import { createSmtpMailer } from '../../../functions/mail/smtp-mailer';
import { signLinkToken, verifyLinkToken } from '../../../functions/shared/links/signed-links';
import { keys } from '../../../functions/shared/dynamodb/keys';
import { createLogger } from '../../../functions/shared/logger';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { fillToItemLimit } from '../../support/item-limit';
import { activeProject, engage, projectMutation } from '../../support/project-fixtures';
import { smtpReply, startSmtpTestServer, type SmtpTestServer } from '../../support/smtp-test-server';
import { createTestApp, linkSecret, type TestApp } from '../../support/test-app';

interface Received {
  to: string;
  mail: ParsedMail;
}

/** 08:00 in Brussels on a day in March 2027 (winter time), when the daily job runs. */
const morning = (day: number) => `2027-03-${String(day).padStart(2, '0')}T07:00:00Z`;

const reviewQuery = `query($id: ID!) { project(id: $id) { status reviews { id number status requestedAt remindersSent coordinatorToldAt answeredAt outcome spinOffName onAgenda } } }`;

describe('consolidation reviews end to end: the job, the outbox, a real SMTP server, the answer page', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let mailer: Mailer;
  let seen = 0;
  /** Addresses the SMTP server refuses for good (550 at RCPT TO), as a mailbox that no longer exists. */
  const refused = new Set<string>();

  beforeAll(async () => {
    smtp = await startSmtpTestServer({
      onRcptTo: (address, _session, callback) => callback(refused.has(address.address) ? smtpReply(550, '5.1.1 No such user') : undefined),
    });
    mailer = createSmtpMailer(smtp.url);
  });
  afterAll(() => smtp.close());

  beforeEach(async () => {
    smtp.messages.length = 0;
    seen = 0;
    refused.clear();
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  });

  const runJob = () => t.app.consolidationReviews.sendDueReviews();

  /** Delivers what the outbox holds and returns the emails that arrived since the last call. */
  async function deliver(): Promise<Received[]> {
    await createDeliverer(t.app, mailer).deliverDue();
    const fresh = smtp.messages.slice(seen);
    seen = smtp.messages.length;
    return Promise.all(fresh.map(async (message) => ({ to: message.to[0], mail: await simpleParser(message.raw) })));
  }

  const reviewLink = (mail: ParsedMail) => /https:\/\/destek\.test\/review\?token=[^\s]+/.exec(mail.text ?? '')?.[0];

  async function network() {
    const promoter = await createPartner(t, {
      name: 'Bakkerij Peeters',
      representatives: [
        { name: 'Jan Peeters', email: 'jan@bakkerij.be' },
        { name: 'Els Peeters', email: 'els@bakkerij.be' },
      ],
    });
    const workshop = await createPartner(t, { name: 'Fietsatelier', email: 'hallo@fietsatelier.be', representatives: [] });
    const bystander = await createPartner(t, { name: 'Niet betrokken', email: 'niet@example.be', representatives: [] });
    const project = await activeProject(t, promoter.id, { name: 'Repair café' });
    await engage(t, project.id, workshop.id, { hoursPerMonth: 2 });
    return { promoter, workshop, bystander, project };
  }

  async function review(projectId: string) {
    return (await t.graphql(reviewQuery, { id: projectId }, await t.token('COORDINATOR'))).data.project.reviews[0];
  }

  it('is a scheduled job that runs daily at 08:00 Brussels time', () => {
    expect(scheduledJobs.find((job) => job.name === 'send-consolidation-reviews')).toMatchObject({ schedule: 'cron(0 8 * * ? *)' });
  });

  it('walks due → request → reminder 1 → reminder 2 → coordinator told and agenda item, each email once', async () => {
    const { project } = await network();
    await deliver();

    t.clock.set('2027-02-28T07:00:00Z');
    expect(await runJob()).toEqual({ requested: 0, reminded: 0, coordinatorTold: 0, skipped: 0, failed: 0 });

    // Due: the promoter's people are asked, with a link; the engaged partner is in copy, without one.
    t.clock.set(morning(1));
    expect(await runJob()).toMatchObject({ requested: 1 });
    expect(await runJob()).toEqual({ requested: 0, reminded: 0, coordinatorTold: 0, skipped: 0, failed: 0 });
    const requests = await deliver();
    expect(requests.map((r) => r.to).sort()).toEqual(['els@bakkerij.be', 'hallo@fietsatelier.be', 'jan@bakkerij.be']);
    const jan = requests.find((r) => r.to === 'jan@bakkerij.be')!.mail;
    expect(jan.subject).toBe('Consolidatiebespreking van Repair café: hoe gaat het verder?');
    expect(jan.text).toMatch(/^Dag Jan Peeters,\n/);
    expect(jan.text).toContain('Bakkerij Peeters is promotor van Repair café');
    expect(jan.text).toContain('overdragen aan een derde partij');
    expect(jan.text).toContain('In kopie: Fietsatelier.');
    const janToken = new URL(reviewLink(jan)!).searchParams.get('token')!;
    expect(await verifyLinkToken(linkSecret, 'consolidation-review', janToken, t.clock.now())).toMatchObject({
      projectId: project.id,
      review: '1',
    });
    expect(jan.html).toContain('href="https://destek.test/review?token=');
    const copy = requests.find((r) => r.to === 'hallo@fietsatelier.be')!.mail;
    expect(copy.subject).toBe('Ter info: consolidatiebespreking van Repair café');
    expect(copy.text).toContain('Fietsatelier is betrokken bij Repair café');
    expect(reviewLink(copy)).toBeUndefined();
    expect(await review(project.id)).toMatchObject({ status: 'REQUESTED', requestedAt: '2027-03-01T08:00:00+01:00', remindersSent: 0 });

    // Reminders on the 7th and 14th day, to the promoter only.
    t.clock.set('2027-03-07T22:00:00Z');
    expect(await runJob()).toMatchObject({ reminded: 0 });
    t.clock.set(morning(8));
    expect(await runJob()).toMatchObject({ reminded: 1 });
    const first = await deliver();
    expect(first.map((r) => [r.to, r.mail.subject]).sort()).toEqual([
      ['els@bakkerij.be', 'Herinnering: consolidatiebespreking van Repair café'],
      ['jan@bakkerij.be', 'Herinnering: consolidatiebespreking van Repair café'],
    ]);
    expect(first[0].mail.text).toContain('Op maandag 1 maart 2027 vroegen we');
    t.clock.set(morning(15));
    expect(await runJob()).toMatchObject({ reminded: 1 });
    const second = await deliver();
    expect(second.map((r) => r.mail.subject)).toEqual([
      'Tweede herinnering: consolidatiebespreking van Repair café',
      'Tweede herinnering: consolidatiebespreking van Repair café',
    ]);
    expect(await review(project.id)).toMatchObject({ status: 'REMINDED', remindersSent: 2, onAgenda: false });

    // Still no answer a week later: the coordinator hears of it, and the review goes on the next meeting's agenda.
    const meeting = await scheduleMeeting(t, {
      title: 'Overleg maart',
      startsAt: '2027-03-25T19:30:00+01:00',
      endsAt: '2027-03-25T21:30:00+01:00',
      inviteePartnerIds: [],
    });
    t.clock.set(morning(22));
    expect(await runJob()).toMatchObject({ coordinatorTold: 1 });
    const told = await deliver();
    expect(told.map((r) => [r.to, r.mail.subject])).toEqual([
      ['overleg@destek.test', 'Geen antwoord: consolidatiebespreking van Repair café'],
    ]);
    expect(told[0].mail.text).toContain(
      'Bakkerij Peeters, promotor van Repair café, heeft niet geantwoord op de vraag van maandag 1 maart 2027 voor de consolidatiebespreking',
    );
    expect(told[0].mail.text).toContain('op de agenda van Overleg maart op donderdag 25 maart 2027 om 19:30');
    expect(await review(project.id)).toMatchObject({
      status: 'COORDINATOR_TOLD',
      onAgenda: true,
      coordinatorToldAt: '2027-03-22T08:00:00+01:00',
    });
    const agenda = await t.graphql(
      `query($id: ID!) { meeting(id: $id) { agenda { title project { id } consolidationReview { number status } } } }`,
      { id: meeting.id },
      await t.token('COORDINATOR'),
    );
    expect(agenda.data.meeting.agenda).toEqual([
      {
        title: 'Consolidatiebespreking van Repair café: geen antwoord van de promotor, samen beslissen',
        project: { id: project.id },
        consolidationReview: { number: 1, status: 'COORDINATOR_TOLD' },
      },
    ]);

    // Nothing more is ever sent for this review.
    t.clock.set('2027-05-01T07:00:00Z');
    expect(await runJob()).toEqual({ requested: 0, reminded: 0, coordinatorTold: 0, skipped: 0, failed: 0 });
    expect(await deliver()).toEqual([]);
  });

  it("tells the coordinator once when the promoter's mail bounces, and says so when the review reaches the meeting", async () => {
    const promoter = await createPartner(t, { name: 'Bakkerij Peeters', email: 'info@bakkerij.be', representatives: [] });
    const project = await activeProject(t, promoter.id, { name: 'Repair café' });
    refused.add('info@bakkerij.be');

    // The request bounces: the address goes on the suppression list.
    t.clock.set(morning(1));
    await runJob();
    expect(await deliver()).toEqual([]);
    expect(await t.app.repositories.suppressions.find('info@bakkerij.be')).toMatchObject({ reason: 'BOUNCED' });

    // The first reminder would go nowhere: the coordinator hears of it instead, with what to do.
    t.clock.set(morning(8));
    expect(await runJob()).toMatchObject({ reminded: 1 });
    const notice = await deliver();
    expect(notice.map((r) => [r.to, r.mail.subject])).toEqual([
      ['overleg@destek.test', 'Promotor niet bereikbaar: consolidatiebespreking van Repair café'],
    ]);
    expect(notice[0].mail.text).toContain('komen niet aan bij Bakkerij Peeters, de promotor: hun e-mailadres wordt geweigerd.');
    expect(notice[0].mail.text).toContain('De laatste herinnering gaat dan naar het nieuwe adres.');

    // Once per review: the second reminder does not tell the coordinator again.
    t.clock.set(morning(15));
    expect(await runJob()).toMatchObject({ reminded: 1 });
    expect(await deliver()).toEqual([]);

    t.clock.set(morning(22));
    expect(await runJob()).toMatchObject({ coordinatorTold: 1 });
    const told = await deliver();
    expect(told.map((r) => r.to)).toEqual(['overleg@destek.test']);
    expect(told[0].mail.text).toContain(
      'heeft niet geantwoord op de vraag van maandag 1 maart 2027 voor de consolidatiebespreking: onze mails kwamen niet aan, want hun e-mailadres wordt geweigerd.',
    );
    expect(await review(project.id)).toMatchObject({ status: 'COORDINATOR_TOLD', onAgenda: true });
  });

  it('takes an answer through the form page: GET changes nothing, the POST answers, and the meeting confirms a spin-off', async () => {
    const { project, workshop } = await network();
    t.clock.set(morning(1));
    await runJob();
    const link = reviewLink((await deliver()).find((r) => r.to === 'jan@bakkerij.be')!.mail)!;
    const token = new URL(link).searchParams.get('token')!;

    const page = await t.request({ path: '/review', rawQuery: `token=${encodeURIComponent(token)}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Hoe kan <strong>Repair café</strong> geconsolideerd worden?');
    expect(page.body).toContain('<form method="post" action="review">');
    expect(await review(project.id)).toMatchObject({ status: 'REQUESTED', answeredAt: null });

    const post = (fields: Record<string, string>) =>
      t.request({
        method: 'POST',
        path: '/review',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, ...fields }).toString(),
      });
    const missing = await post({ outcome: 'SPIN_OFF_ENTITY', note: 'Klaar om zelfstandig te gaan' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Geef de naam van de nieuwe entiteit.');
    expect(missing.body).toContain('Klaar om zelfstandig te gaan');
    expect((await post({ outcome: 'NONSENSE' })).status).toBe(400);

    t.clock.set('2027-03-03T10:00:00Z');
    const answered = await post({ outcome: 'SPIN_OFF_ENTITY', spinOffName: 'Repair Gent cv', note: 'Klaar om zelfstandig te gaan' });
    expect(answered.status).toBe(200);
    expect(answered.body).toContain('een nieuwe entiteit die partner wordt van de Locon</strong> (Repair Gent cv)');
    expect(await review(project.id)).toMatchObject({
      status: 'ANSWERED',
      outcome: 'SPIN_OFF_ENTITY',
      spinOffName: 'Repair Gent cv',
      onAgenda: true,
    });
    // Answered: no reminders.
    t.clock.set(morning(22));
    expect(await runJob()).toEqual({ requested: 0, reminded: 0, coordinatorTold: 0, skipped: 0, failed: 0 });

    // No meeting was planned when it was answered: the next meeting scheduled takes the item over.
    const meeting = await scheduleMeeting(t, {
      title: 'Overleg april',
      startsAt: '2027-04-08T19:30:00+02:00',
      endsAt: '2027-04-08T21:30:00+02:00',
    });
    expect(meeting.agenda).toEqual([
      {
        id: `review.${project.id}.1`,
        title: 'Consolidatiebespreking van Repair café: het antwoord van de promotor bevestigen',
        projectId: project.id,
      },
    ]);
    const later = await scheduleMeeting(t, { startsAt: '2027-04-22T19:30:00+02:00', endsAt: '2027-04-22T21:30:00+02:00' });
    expect(later.agenda).toEqual([]);

    t.clock.set('2027-04-08T20:00:00+02:00');
    const confirmed = await projectMutation(t, 'confirm', { reviewId: `${project.id}:1`, meetingId: meeting.id });
    expect(confirmed.userErrors.map((e: any) => e.code)).toEqual(['INVALID_EMAIL']);
    const spunOff = (
      await projectMutation(t, 'confirm', { reviewId: `${project.id}:1`, meetingId: meeting.id, spinOffEmail: 'info@repairgent.be' })
    ).project;
    expect(spunOff).toMatchObject({
      status: 'SPUN_OFF',
      spinOffPartner: { name: 'Repair Gent cv', kind: 'SPIN_OFF', email: 'info@repairgent.be', spunOffFrom: { id: project.id } },
    });
    expect(spunOff.reviews).toEqual([
      expect.objectContaining({ status: 'CONFIRMED', confirmedOutcome: 'SPIN_OFF_ENTITY', confirmedAtMeeting: { id: meeting.id } }),
    ]);
    expect(spunOff.decisions).toEqual([
      expect.objectContaining({
        text: 'Consolidatiebespreking bevestigd: een nieuwe entiteit die partner wordt van de Locon (Repair Gent cv). Klaar om zelfstandig te gaan',
        meeting: { id: meeting.id },
        review: { number: 1 },
      }),
    ]);
    // Confirmed: the link's form no longer answers.
    const late = await post({ outcome: 'STOP' });
    expect(late.status).toBe(409);
    expect(late.body).toContain('Deze consolidatiebespreking is al op een vergadering bevestigd.');
    // The engagements of a spun-off project no longer count against the partners' capacity.
    const partner = await t.graphql(
      `query($id: ID!) { partner(id: $id) { committed { hoursPerMonth } engagements { project { status } } } }`,
      { id: workshop.id },
      await t.token('COORDINATOR'),
    );
    expect(partner.data.partner).toEqual({ committed: { hoursPerMonth: 0 }, engagements: [{ project: { status: 'SPUN_OFF' } }] });
    // A confirmed review is closed, on the page too.
    expect((await t.request({ path: '/review', rawQuery: `token=${encodeURIComponent(token)}` })).body).toContain(
      'Deze consolidatiebespreking is afgerond',
    );
    expect((await post({ outcome: 'STOP' })).status).toBe(409);
  });

  it('takes an answer through GraphQL from the promoter only, and CONTINUE schedules the next review', async () => {
    const { project, promoter, workshop } = await network();
    const reviewId = `${project.id}:1`;
    const meeting = await scheduleMeeting(t, { startsAt: '2027-03-11T19:30:00+01:00', endsAt: '2027-03-11T21:30:00+01:00' });
    t.clock.set(morning(1));
    await runJob();

    const notPromoter = await t.graphql(
      `mutation($input: AnswerConsolidationReviewInput!) { answerConsolidationReview(input: $input) { userErrors { code } } }`,
      { input: { reviewId, outcome: 'STOP' } },
      await t.token('PARTNER', { partnerId: workshop.id }),
    );
    expect(notPromoter.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const promoterToken = await t.token('PARTNER', { partnerId: promoter.id });
    const noThirdParty = await projectMutation(t, 'answer', { reviewId, outcome: 'TRANSFER_TO_THIRD_PARTY' }, promoterToken);
    expect(noThirdParty.userErrors.map((e: any) => e.code)).toEqual(['THIRD_PARTY_REQUIRED']);
    const answered = await projectMutation(t, 'answer', { reviewId, outcome: 'CONTINUE', note: 'Loopt goed' }, promoterToken);
    expect(answered.project.reviews[0]).toMatchObject({ status: 'ANSWERED', outcome: 'CONTINUE', note: 'Loopt goed', onAgenda: true });
    const agenda = await t.graphql(
      `query($id: ID!) { meeting(id: $id) { agenda { consolidationReview { id } } } }`,
      { id: meeting.id },
      promoterToken,
    );
    expect(agenda.data.meeting.agenda).toEqual([{ consolidationReview: { id: reviewId } }]);

    const notYet = await projectMutation(t, 'confirm', { reviewId, meetingId: meeting.id });
    expect(notYet.userErrors.map((e: any) => e.code)).toEqual(['MEETING_NOT_STARTED']);
    t.clock.set('2027-03-11T20:30:00+01:00');
    const continued = (await projectMutation(t, 'confirm', { reviewId, meetingId: meeting.id })).project;
    expect(continued.status).toBe('ACTIVE');
    expect(continued.reviews.map((r: any) => [r.number, r.status])).toEqual([
      [1, 'CONFIRMED'],
      [2, 'SCHEDULED'],
    ]);
    expect(continued.reviews[1]).toMatchObject({ requestedAt: null });
    expect(continued.decisions.map((d: any) => d.text)).toEqual(['Consolidatiebespreking bevestigd: verder zoals nu. Loopt goed']);

    // The next review is asked for three months after the confirmation.
    t.clock.set('2027-06-10T06:00:00Z');
    expect(await runJob()).toMatchObject({ requested: 0 });
    t.clock.set('2027-06-11T06:00:00Z');
    expect(await runJob()).toMatchObject({ requested: 1 });
    const again = await projectMutation(t, 'answer', { reviewId, outcome: 'STOP' }, await t.token('PARTNER', { partnerId: promoter.id }));
    expect(again.userErrors.map((e: any) => e.code)).toEqual(['REVIEW_CONFIRMED']);
  });

  it('sends nothing twice when two job runs (two processes) go at once', async () => {
    const partners = await Promise.all(
      [1, 2, 3].map((i) => createPartner(t, { name: `Promotor ${i}`, email: `promotor${i}@example.be`, representatives: [] })),
    );
    for (const [i, partner] of partners.entries()) await activeProject(t, partner.id, { name: `Project ${i + 1}` });
    const other = createApp(t.app.config, { clock: t.clock, logger: createLogger('silent') });
    // The first read of each run waits for the other's: both see the same due projects before
    // either writes, the closest race there is.
    let waiting: (() => void) | undefined;
    const firstRead = new Set<unknown>();
    for (const repository of [t.app, other].map((app) => app.repositories.projects)) {
      const find = repository.findDueReviews.bind(repository);
      repository.findDueReviews = async (...args) => {
        const found = await find(...args);
        if (firstRead.has(repository)) return found;
        firstRead.add(repository);
        if (firstRead.size === 1) await new Promise<void>((resolve) => (waiting = resolve));
        else waiting?.();
        return found;
      };
    }

    t.clock.set(morning(1));
    const requests = await Promise.all([runJob(), other.consolidationReviews.sendDueReviews()]);
    expect(requests.map((r) => r.requested).reduce((a, b) => a + b)).toBe(3);
    expect(requests.map((r) => r.skipped).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(3);
    t.clock.set(morning(8));
    firstRead.clear();
    const reminders = await Promise.all([runJob(), other.consolidationReviews.sendDueReviews()]);
    expect(reminders.map((r) => r.reminded).reduce((a, b) => a + b)).toBe(3);

    // Two deliverers at once as well: each promoter gets one request and one reminder.
    await Promise.all([createDeliverer(t.app, mailer).deliverDue(), createDeliverer(other, mailer).deliverDue()]);
    const received = await deliver();
    expect(received.map((r) => `${r.to} ${r.mail.subject}`).sort()).toEqual(
      [1, 2, 3].flatMap((i) => [
        `promotor${i}@example.be Consolidatiebespreking van Project ${i}: hoe gaat het verder?`,
        `promotor${i}@example.be Herinnering: consolidatiebespreking van Project ${i}`,
      ]),
    );
  });

  it('goes on with the other projects when one cannot be written (too large), logs it by id and tries it again next run', async () => {
    const partners = await Promise.all(
      [1, 2, 3].map((i) => createPartner(t, { name: `Promotor ${i}`, email: `promotor${i}@example.be`, representatives: [] })),
    );
    const projects = [];
    for (const [i, partner] of partners.entries()) projects.push(await activeProject(t, partner.id, { name: `Project ${i + 1}` }));
    const repair = await fillToItemLimit(t, keys.project(projects[1].id));
    const lines: string[] = [];
    const job = createApp(t.app.config, { clock: t.clock, logger: createLogger('info', {}, (line) => lines.push(line)) });
    await deliver();

    t.clock.set(morning(1));
    expect(await job.consolidationReviews.sendDueReviews()).toEqual({
      requested: 2,
      reminded: 0,
      coordinatorTold: 0,
      skipped: 0,
      failed: 1,
    });
    expect((await deliver()).map((r) => r.to).sort()).toEqual(['promotor1@example.be', 'promotor3@example.be']);
    const failures = lines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 'error');
    expect(failures).toEqual([
      expect.objectContaining({ projectId: projects[1].id, error: expect.objectContaining({ name: 'ValidationException' }) }),
    ]);
    expect(lines.join('\n')).not.toMatch(/promotor2|Promotor 2|Project 2/);

    // Still due: the next run tries it again, and once it fits it is asked like the others.
    expect(await job.consolidationReviews.sendDueReviews()).toMatchObject({ requested: 0, failed: 1 });
    await repair();
    expect(await job.consolidationReviews.sendDueReviews()).toMatchObject({ requested: 1, failed: 0 });
    expect((await deliver()).map((r) => r.to)).toEqual(['promotor2@example.be']);
  });

  it('finds due reviews with one Query on the due index, never a scan, however many projects there are', async () => {
    const promoter = await createPartner(t);
    for (let i = 0; i < 6; i += 1) await activeProject(t, promoter.id, { name: `Project ${i}` });
    t.roundTrips.reset();
    expect(await runJob()).toEqual({ requested: 0, reminded: 0, coordinatorTold: 0, skipped: 0, failed: 0 });
    expect(t.roundTrips.byCommand).toEqual({ QueryCommand: 1 });
  });

  it('answers a tampered, expired or other-purpose link with a Dutch 400 page', async () => {
    const { project, promoter } = await network();
    t.clock.set(morning(1));
    await runJob();
    const token = new URL(reviewLink((await deliver()).find((r) => r.to === 'jan@bakkerij.be')!.mail)!).searchParams.get('token')!;
    const open = (value: string) => t.request({ path: '/review', rawQuery: `token=${encodeURIComponent(value)}` });

    const tampered = await open(`${token.slice(0, -3)}abc`);
    expect(tampered.status).toBe(400);
    expect(tampered.body).toContain('Deze link is ongeldig.');
    const rsvp = await signLinkToken(
      linkSecret,
      'rsvp',
      { projectId: project.id, review: '1', partnerId: promoter.id },
      new Date('2027-06-01T00:00:00Z'),
      t.clock.now(),
    );
    expect((await open(rsvp)).status).toBe(400);
    t.clock.set('2027-05-01T07:00:00Z');
    const expired = await open(token);
    expect(expired.status).toBe(400);
    expect(expired.body).toContain('Deze link is verlopen.');
    expect(await review(project.id)).toMatchObject({ answeredAt: null });
  });
});
