import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  apiTableAccess,
  calendarFeedTableAccess,
  inboundMailTableAccess,
  sesEventsTableAccess,
} from '../../functions/runtime/table-access';
import { createInboundMailService } from '../../functions/app/create-inbound-mail';
import { meetingUid } from '../../functions/modules/meetings/meeting-dispatch';
import { itipFixture } from '../support/itip-fixtures';
import { createDeliverer } from '../../functions/app/create-deliverer';
import { sesEventsHandler } from '../../functions/handlers/ses-events';
import { SuppressionsService } from '../../functions/modules/suppressions/suppressions.service';
import { scheduledJobs } from '../../functions/runtime/scheduled-jobs';
import { MailDeliveryError, type Mailer } from '../../functions/mail/mailer';
import { signLinkToken } from '../../functions/shared/links/signed-links';
import type { TableAccess } from '../../functions/shared/dynamodb/table-access';
import { tableIndexes } from '../../functions/shared/dynamodb/table-definition';
import { createLogger } from '../../functions/shared/logger';
import { addNeighbour, scheduleBuurtbabbel } from '../support/buurtbabbel-fixtures';
import { createPartner, meetingInput, scheduleMeeting } from '../support/fixtures';
import { activeProject, engage, projectMutation, proposeProject } from '../support/project-fixtures';
import { createTestApp, linkSecret, type TestApp } from '../support/test-app';

/**
 * The IAM grants of the CDK app come from each function's declared TableAccess. This test runs
 * each function's code paths against DynamoDB Local and records, for every request, the IAM
 * action and resource AWS would authorise it against: what a function does must be granted
 * (else it fails in AWS with AccessDenied), and what is granted must be done (least privilege).
 */
type Use = `${string} on ${string}`;

const documentToAction: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  ConditionCheck: 'ConditionCheckItem',
};

function usesOf(commandName: string, input: Record<string, any>): Use[] {
  const name = commandName.replace(/Command$/, '').replace(/Item$/, '');
  if (name === 'TransactWrite' || name === 'TransactWriteItems') {
    // IAM authorises a transaction item by item: each needs its own action.
    return (input.TransactItems as Record<string, unknown>[]).map((item) => `${documentToAction[Object.keys(item)[0]]} on table` as Use);
  }
  const action = documentToAction[name] ?? name;
  if (action === 'Query' || action === 'Scan') return [`${action} on ${input.IndexName ?? 'table'}`];
  return [`${action} on table`];
}

function recordUses(client: DynamoDBDocumentClient) {
  const uses = new Set<Use>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      for (const use of usesOf(context.commandName ?? 'unknown', args.input as Record<string, any>)) uses.add(use);
      return next(args);
    },
    { step: 'initialize', name: 'tableAccessRecorder', override: true },
  );
  return {
    take(): Use[] {
      const taken = [...uses].sort();
      uses.clear();
      return taken;
    },
  };
}

function granted(access: TableAccess): Use[] {
  return [
    ...access.table.map((action) => `${action} on table` as Use),
    ...access.queriedIndexes.map((index) => `Query on ${tableIndexes[index].name}` as Use),
  ].sort();
}

describe('declared table access matches what each function does', () => {
  let t: TestApp;
  let recorder: ReturnType<typeof recordUses>;
  let coordinator: string;

  beforeAll(async () => {
    t = await createTestApp();
    recorder = recordUses(t.app.db);
    coordinator = await t.token('COORDINATOR');
  });

  it('api: every GraphQL operation and the answer page', async () => {
    const partner = await createPartner(t);
    const other = await createPartner(t);
    const meeting = await scheduleMeeting(t);
    const partnerToken = await t.token('PARTNER', { partnerId: partner.id });
    const run = async (query: string, token = coordinator, variables?: Record<string, unknown>) => {
      const result = await t.graphql(query, variables, token);
      expect(result.errors).toBeUndefined();
    };
    await run(`mutation { updatePartner(input: { id: "${partner.id}", name: "Andere naam" }) { userErrors { code } } }`);
    await run(`{ partners(first: 2) { edges { node { id } } } partner(id: "${partner.id}") { id } }`);
    await run(
      `{ meetings { edges { node { id invitations { partner { name } } } } } meeting(id: "${meeting.id}") { id previousMeeting { id } } standingThemes }`,
    );
    await run(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { userErrors { code } } }`, coordinator, {
      i: meetingInput({ startsAt: '2027-01-14T19:30:00+01:00', endsAt: '2027-01-14T21:30:00+01:00' }),
    });
    await run(
      `mutation { rescheduleMeeting(input: { id: "${meeting.id}", startsAt: "2026-12-17T19:30:00+01:00", endsAt: "2026-12-17T21:30:00+01:00" }) { userErrors { code } } }`,
    );
    await run(
      `mutation { changeMeetingInvitees(input: { id: "${meeting.id}", removePartnerIds: ["${other.id}"] }) { userErrors { code } } }`,
    );
    await run(`mutation { addAgendaItem(input: { meetingId: "${meeting.id}", title: "Punt" }) { userErrors { code } } }`);
    await run(`mutation { setStandingThemes(themes: ["Projecten"]) { userErrors { code } } }`);
    await run(
      `mutation { respondToMeeting(input: { meetingId: "${meeting.id}", response: ACCEPTED }) { userErrors { code } } }`,
      partnerToken,
    );
    await run(`mutation { createCalendarFeed { url } }`, partnerToken);
    await run(`mutation { createCalendarFeed { url } }`, partnerToken);
    await run(`mutation { revokeCalendarFeed { revoked } }`, partnerToken);
    const token = await signLinkToken(
      linkSecret,
      'rsvp',
      { meetingId: meeting.id, partnerId: partner.id },
      new Date('2027-01-01T00:00:00Z'),
      t.clock.now(),
    );
    expect((await t.request({ path: '/rsvp', rawQuery: `token=${encodeURIComponent(token)}` })).status).toBe(200);
    expect(
      (
        await t.request({
          method: 'POST',
          path: '/rsvp',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `token=${encodeURIComponent(token)}&response=DECLINED`,
        })
      ).status,
    ).toBe(200);
    await run(`mutation { cancelMeeting(input: { id: "${meeting.id}" }) { userErrors { code } } }`);

    // Neighbours and buurtbabbels: contacts, the import, answers through the links, opt-out, conversion.
    const neighbour = await addNeighbour(t);
    const guest = await addNeighbour(t);
    await run(`mutation($csv: String!) { importNeighbours(csv: $csv) { userErrors { code } } }`, coordinator, {
      csv: 'bedrijfsnaam;contactpersoon;e-mail;adres\nBloemen Lies;Lies;lies@buurt.example.be;Sint-Pietersaalststraat 3\n',
    });
    await run(
      `{ neighbours(first: 5) { edges { node { id bouncing partner { id } buurtbabbels { buurtbabbel { id } } } } } neighbour(id: "${neighbour.id}") { id } }`,
    );
    const babbel = await scheduleBuurtbabbel(t, { hostPartnerId: partner.id, maxGuests: 1 });
    await run(
      `{ buurtbabbels { edges { node { id host { name } guests { neighbour { id } } } } } buurtbabbel(id: "${babbel.id}") { id } }`,
    );
    const answerToken = await signLinkToken(
      linkSecret,
      'buurtbabbel-answer',
      { buurtbabbelId: babbel.id, neighbourId: guest.id },
      new Date('2027-01-01T00:00:00Z'),
      t.clock.now(),
    );
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await t.request({ path: '/buurtbabbel/answer', rawQuery: `token=${encodeURIComponent(answerToken)}&answer=YES` })).status).toBe(
      200,
    );
    expect(
      (
        await t.request({
          method: 'POST',
          path: '/buurtbabbel/answer',
          headers: form,
          body: `token=${encodeURIComponent(answerToken)}&answer=YES`,
        })
      ).status,
    ).toBe(200);
    await run(
      `mutation { recordBuurtbabbelAttendance(input: { id: "${babbel.id}", neighbourIds: ["${guest.id}"] }) { userErrors { code } } }`,
    );
    await run(`mutation { cancelBuurtbabbel(input: { id: "${babbel.id}" }) { userErrors { code } } }`);
    const optOutToken = await signLinkToken(
      linkSecret,
      'unsubscribe',
      { neighbourId: neighbour.id },
      new Date('2027-01-01T00:00:00Z'),
      t.clock.now(),
    );
    expect((await t.request({ path: '/unsubscribe', rawQuery: `token=${encodeURIComponent(optOutToken)}` })).status).toBe(200);
    expect(
      (
        await t.request({
          method: 'POST',
          path: '/unsubscribe',
          rawQuery: `token=${encodeURIComponent(optOutToken)}`,
          headers: form,
          body: 'List-Unsubscribe=One-Click',
        })
      ).status,
    ).toBeLessThan(300);
    await run(`{ neighbourByEmail(email: "${neighbour.email}") { id } }`);
    await run(`mutation { optOutNeighbour(id: "${neighbour.id}") { userErrors { code } } }`);
    await run(`mutation { optInNeighbour(id: "${neighbour.id}") { userErrors { code } } }`);
    await run(`mutation { convertNeighbourToPartner(input: { neighbourId: "${guest.id}", kind: FREELANCER }) { userErrors { code } } }`);

    // Projects: intake, engagements, capacity, the lists, a review answered through its page.
    const project = await proposeProject(t, partner.id);
    await engage(t, project.id, partner.id, { hoursPerMonth: 2 });
    await engage(t, project.id, other.id, { hoursPerMonth: 1 }, partnerToken).catch(() => undefined);
    await projectMutation(t, 'withdraw', { projectId: project.id, partnerId: partner.id }, partnerToken);
    await engage(t, project.id, partner.id, { hoursPerMonth: 3 });
    await projectMutation(t, 'update', { projectId: project.id, description: 'Elke maand' });
    await projectMutation(t, 'assess', { projectId: project.id, hasBusinessModel: true, fitsCommunityGoals: true });
    await projectMutation(t, 'changeStatus', { projectId: project.id, status: 'ACTIVE' });
    await run(
      `{ projects { edges { node { id engagements { partner { name remainingCapacity { hoursPerMonth } } overCapacity } reviews { id } } } } project(id: "${project.id}") { id decisions { meeting { id } } } }`,
    );
    await run(
      `{ partner(id: "${partner.id}") { engagements { project { name } } remainingCapacity { hoursPerMonth } } overCommittedPartners { id } }`,
    );
    await projectMutation(t, 'answer', { reviewId: `${project.id}:1`, outcome: 'CONTINUE' }, partnerToken);
    const reviewToken = await signLinkToken(
      linkSecret,
      'consolidation-review',
      { projectId: project.id, review: '1', partnerId: partner.id },
      new Date('2027-01-01T00:00:00Z'),
      t.clock.now(),
    );
    expect((await t.request({ path: '/review', rawQuery: `token=${encodeURIComponent(reviewToken)}` })).status).toBe(200);

    // The idea matrix: a session, an idea, a vote (conditional on the session being open), the feed, the heat map.
    const started = await t.graphql(
      `mutation($i: StartMatrixSessionInput!) { startMatrixSession(input: $i) { matrixSession { id } } }`,
      { i: { question: 'Wat starten we?', rows: ['Buren'], columns: ['Koken'], votesPerParticipant: 2 } },
      coordinator,
    );
    const sessionId = started.data.startMatrixSession.matrixSession.id;
    const added = await t.graphql(
      `mutation($i: AddIdeaInput!) { addIdea(input: $i) { matrixSession { ideas { id } heatMapUrl } } }`,
      { i: { sessionId, title: 'Soepcafé', row: 0, column: 0 } },
      partnerToken,
    );
    const { ideas, heatMapUrl } = added.data.addIdea.matrixSession;
    await run(`mutation { voteForIdea(input: { ideaId: "${ideas[0].id}" }) { userErrors { code } } }`, partnerToken);
    await run(`{ matrixSessions { edges { node { id ideas { votes } } } } matrixSessionChanges(sessionId: "${sessionId}") { cursor } }`);
    const heatMap = new URL(heatMapUrl);
    expect((await t.request({ path: heatMap.pathname, rawQuery: heatMap.search.slice(1) })).status).toBe(200);
    await run(`{ personalData(email: "iemand@example.be") }`);
    await run(`mutation { erasePerson(input: { email: "iemand@example.be" }) { erased } }`);
    expect(recorder.take()).toEqual(granted(apiTableAccess));
  });

  it('calendar-feed: serving a feed', async () => {
    const created = await t.graphql(`mutation { createCalendarFeed { url } }`, undefined, coordinator);
    const partner = await createPartner(t, { representatives: [{ name: 'Jan', email: 'jan@feed.example.be' }] });
    const member = await t.token('PARTNER', { partnerId: partner.id, email: 'jan@feed.example.be' });
    const partnerFeed = await t.graphql(`mutation { createCalendarFeed { url } }`, undefined, member);
    recorder.take();
    for (const url of [created.data.createCalendarFeed.url, partnerFeed.data.createCalendarFeed.url]) {
      expect((await t.request({ path: new URL(url).pathname })).status).toBe(200);
    }
    expect(recorder.take()).toEqual(granted(calendarFeedTableAccess));
  });

  it('deliver-outbox: expanding, checking the suppression list, sending, retrying and refusing', async () => {
    const job = scheduledJobs.find((candidate) => candidate.name === 'deliver-outbox')!;
    await createPartner(t, { email: 'weigert@example.be', representatives: [] });
    await createPartner(t, { email: 'later@example.be', representatives: [] });
    // An erased address: its copy is deleted instead of sent.
    await createPartner(t, { email: 'gewist@example.be', representatives: [] });
    await t.graphql(`mutation { erasePerson(input: { email: "gewist@example.be" }) { erased } }`, undefined, coordinator);
    await scheduleMeeting(t, { startsAt: '2027-02-11T19:30:00+01:00', endsAt: '2027-02-11T21:30:00+01:00' });
    recorder.take();
    const mailer: Mailer = {
      async send(email) {
        const to = typeof email.to === 'string' ? email.to : email.to.address;
        if (to === 'weigert@example.be') throw new MailDeliveryError('refused', { permanent: true, responseCode: 550 });
        if (to === 'later@example.be') throw new MailDeliveryError('busy', { permanent: false, responseCode: 451 });
        return { messageId: email.messageId, accepted: [to], rejected: [] };
      },
    };
    const report = await createDeliverer(t.app, mailer).deliverDue();
    expect(report).toMatchObject({ failed: 1, retried: 1 });
    expect(report.sent).toBeGreaterThan(0);
    // GetItem is a buurtbabbel mail's read of its buurtbabbel at send time: the next test's path.
    expect(recorder.take()).toEqual(granted(job.tableAccess).filter((use) => use !== 'GetItem on table'));
  });

  it('send-buurtbabbel-invitations: the invitation round, then the reminder round', async () => {
    const rounds = scheduledJobs.find((candidate) => candidate.name === 'send-buurtbabbel-invitations')!;
    const neighbour = await addNeighbour(t);
    const leaving = await addNeighbour(t);
    const babbel = await scheduleBuurtbabbel(t, { startsAt: '2027-03-20T19:00:00+01:00', endsAt: '2027-03-20T21:00:00+01:00' });
    const token = await signLinkToken(
      linkSecret,
      'buurtbabbel-answer',
      { buurtbabbelId: babbel.id, neighbourId: neighbour.id },
      new Date('2027-04-01T00:00:00Z'),
      t.clock.now(),
    );
    recorder.take();
    expect(await t.app.buurtbabbels.runDueRounds(new Date('2027-03-10T12:00:00Z'))).toMatchObject({ rounds: 1 });
    const invitationUses = recorder.take();
    expect(
      (
        await t.request({
          method: 'POST',
          path: '/buurtbabbel/answer',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `token=${encodeURIComponent(token)}&answer=YES`,
        })
      ).status,
    ).toBe(200);
    recorder.take();
    expect(await t.app.buurtbabbels.runDueRounds(new Date('2027-03-18T20:00:00Z'))).toMatchObject({ rounds: 1, reminders: 1 });
    const reminderUses = recorder.take();
    // Retention: another guest says no and opts out; a month later its answer, its place in the
    // mailings and the contact go.
    await t.app.buurtbabbels.answer(babbel.id, leaving.id, 'NO');
    await t.app.neighbours.optOut(leaving.id);
    recorder.take();
    expect(await t.app.personalData.shrinkOptedOutNeighbours(new Date('2027-05-01T00:00:00Z'))).toEqual({
      neighboursShrunk: 1,
      neighboursKept: 0,
    });
    expect([...new Set([...invitationUses, ...reminderUses, ...recorder.take()])].sort()).toEqual(granted(rounds.tableAccess));
  });

  it('send-consolidation-reviews: request, reminders, the coordinator told and the agenda item', async () => {
    const job = scheduledJobs.find((candidate) => candidate.name === 'send-consolidation-reviews')!;
    const promoter = await createPartner(t);
    await scheduleMeeting(t, { startsAt: '2027-06-10T19:30:00+02:00', endsAt: '2027-06-10T21:30:00+02:00' });
    const project = await activeProject(t, promoter.id, { name: 'Buurtmoestuin' });
    const dueAt = new Date(project.reviews[0].dueAt).getTime();
    recorder.take();
    const day = 24 * 3600_000;
    const steps = [];
    for (const offset of [1, 8, 15, 22]) steps.push(await t.app.consolidationReviews.sendDueReviews(new Date(dueAt + offset * day)));
    expect(steps.map((step) => step.requested + step.reminded + step.coordinatorTold > 0)).toEqual([true, true, true, true]);
    expect(recorder.take()).toEqual(granted(job.tableAccess));
  });

  it('send-meeting-reminders: the agenda, a day reminder voided (the run came too late), the minutes and the next date', async () => {
    const job = scheduledJobs.find((candidate) => candidate.name === 'send-meeting-reminders')!;
    const partner = await createPartner(t);
    const meeting = await scheduleMeeting(t, {
      startsAt: '2027-08-10T19:30:00+02:00',
      endsAt: '2027-08-10T21:30:00+02:00',
      inviteePartnerIds: [partner.id],
    });
    recorder.take();
    const run = (at: string) => t.app.meetingReminders.sendDueReminders(new Date(at));
    expect(await run('2027-08-07T18:00:00Z')).toMatchObject({ agenda: 1 });
    expect(await run('2027-08-13T06:00:00Z')).toMatchObject({ voided: 1, minutes: 1 });
    const jobUses = recorder.take();
    // Held (recorded after the meeting, as the clock then says), without a next date.
    const before = t.clock.now();
    t.clock.set('2027-08-14T09:00:00Z');
    const outcome = await t.graphql(
      `mutation { recordMeetingOutcome(input: { id: "${meeting.id}", attendedPartnerIds: [] }) { userErrors { code } } }`,
      undefined,
      await t.token('COORDINATOR'),
    );
    t.clock.set(before);
    expect(outcome).toEqual({ status: 200, data: { recordMeetingOutcome: { userErrors: [] } } });
    recorder.take();
    expect(await run('2027-08-15T06:00:00Z')).toMatchObject({ nextDate: 1 });
    expect([...new Set([...jobUses, ...recorder.take()])].sort()).toEqual(granted(job.tableAccess));
  });

  it('deliver-outbox: the buurtbabbel and review mails the other jobs and the API queued, a withdrawn one included: nothing beyond its grant', async () => {
    const job = scheduledJobs.find((candidate) => candidate.name === 'deliver-outbox')!;
    // A contact invited and then opted out before the mail leaves: its message is withdrawn.
    const leaving = await addNeighbour(t);
    const babbel = await scheduleBuurtbabbel(t, { startsAt: '2027-05-20T19:00:00+02:00', endsAt: '2027-05-20T21:00:00+02:00' });
    await t.app.buurtbabbels.runDueRounds(new Date(babbel.invitationsAt));
    await t.graphql(`mutation { optOutNeighbour(id: "${leaving.id}") { userErrors { code } } }`, undefined, coordinator);
    const subjects = new Set<string>();
    const mailer: Mailer = {
      async send(email) {
        subjects.add(email.subject.split(':')[0]);
        const to = typeof email.to === 'string' ? email.to : email.to.address;
        return { messageId: email.messageId, accepted: [to], rejected: [] };
      },
    };
    recorder.take();
    // Late enough for every round of the earlier tests; the second run, an hour on, sends what the
    // first one expanded and spaced out (pacing counts from the expansion).
    const deliverer = createDeliverer(t.app, mailer);
    const first = await deliverer.deliverDue(new Date('2027-07-01T00:00:00Z'));
    const second = await deliverer.deliverDue(new Date('2027-07-01T01:00:00Z'));
    expect({ failed: first.failed + second.failed, withdrawn: first.withdrawn + second.withdrawn }).toEqual({ failed: 0, withdrawn: 1 });
    // Buurtbabbel invitations, confirmations and reminders, and the review requests and reminders.
    expect([...subjects]).toEqual(
      expect.arrayContaining([
        'Uitnodiging',
        'Je plaats is bevestigd',
        'Herinnering',
        'Tweede herinnering',
        'Consolidatiebespreking van Buurtmoestuin',
      ]),
    );
    const allowed = granted(job.tableAccess);
    expect(recorder.take().filter((use) => !allowed.includes(use))).toEqual([]);
  });

  it('receive-inbound-mail: a reply recorded, the same again, a reply to a time since changed (a note), other mail forwarded', async () => {
    const forwardedTo: string[] = [];
    const mailer: Mailer = {
      send: async (email) => {
        forwardedTo.push(typeof email.to === 'string' ? email.to : email.to.address);
        return { messageId: email.messageId, accepted: [String(email.to)], rejected: [] };
      },
    };
    const service = createInboundMailService(t.app, mailer);
    await createPartner(t, { name: 'Inbound bv', representatives: [{ name: 'Anna Peeters', email: 'anna.inbound@example.be' }] });
    const meeting = await scheduleMeeting(t, { startsAt: '2027-03-10T19:30:00+01:00', endsAt: '2027-03-10T21:30:00+01:00' });
    const uid = meetingUid(meeting.id, 'destek.test');
    recorder.take();

    const reply = (sequence: number) => itipFixture('gmail-accepted.eml', { uid, attendee: 'anna.inbound@example.be', sequence });
    expect(await service.receive(reply(0))).toBe('recorded');
    expect(await service.receive(reply(0))).toBe('superseded');
    const beforeReschedule = recorder.take();
    const coordinatorToken = await t.token('COORDINATOR');
    await t.graphql(
      `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { userErrors { code } } }`,
      { input: { id: meeting.id, startsAt: '2027-03-11T19:30:00+01:00', endsAt: '2027-03-11T21:30:00+01:00' } },
      coordinatorToken,
    );
    recorder.take();
    const outdated = await service.receive(
      itipFixture('gmail-accepted.eml', { uid, attendee: 'anna.inbound@example.be', sequence: 0, dtstamp: '20270101T090000Z' }),
    );
    expect(outdated).toBe('outdated');
    expect(
      await service.receive(Buffer.from('From: iemand@example.be\r\nTo: overleg@destek.test\r\nSubject: Vraag\r\n\r\nHallo!\r\n')),
    ).toBe('forwarded');
    expect(forwardedTo).toContain(t.app.config.coordinatorEmail);
    expect([...new Set([...beforeReschedule, ...recorder.take()])].sort()).toEqual(granted(inboundMailTableAccess));
  });

  it('ses-events: recording a suppression, and the same one again', async () => {
    const handle = sesEventsHandler(new SuppressionsService(t.app.repositories.suppressions, createLogger('silent')));
    const bounce = JSON.stringify({
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'weg@example.be' }],
        timestamp: '2026-12-01T10:00:00.000Z',
      },
      mail: {},
    });
    const event = { Records: [{ Sns: { Message: bounce, MessageId: 'm1' } }, { Sns: { Message: bounce, MessageId: 'm2' } }] } as never;
    expect(await handle(event)).toEqual({ suppressed: 2, ignored: 0, unreadable: 0 });
    expect(recorder.take()).toEqual(granted(sesEventsTableAccess));
  });
});
