import { addNeighbour, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { activeProject, projectMutation } from '../../support/project-fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

/**
 * In AWS a GetItem or BatchGetItem is eventually consistent unless asked otherwise, and a change
 * decided on a stale read is refused by its version condition and retried on a stale read again.
 * DynamoDB Local is always consistent, so this records the reads the app sends and checks each
 * asks for the latest version.
 */
describe('reads by key are strongly consistent', () => {
  let t: TestApp;
  const reads: { command: string; consistent: boolean }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    t.app.db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, any>;
        if (context.commandName === 'GetItemCommand') reads.push({ command: 'GetItem', consistent: input.ConsistentRead === true });
        if (context.commandName === 'BatchGetItemCommand') {
          for (const request of Object.values(input.RequestItems as Record<string, { ConsistentRead?: boolean }>)) {
            reads.push({ command: 'BatchGetItem', consistent: request.ConsistentRead === true });
          }
        }
        return next(args);
      },
      { step: 'initialize', name: 'consistentReadRecorder' },
    );
  });

  it('in partner, meeting, answer, neighbour, buurtbabbel and project changes and reads', async () => {
    const coordinator = await t.token('COORDINATOR');
    const partner = await createPartner(t);
    const partnerToken = await t.token('PARTNER', { partnerId: partner.id });
    const meeting = await scheduleMeeting(t);
    const run = async (query: string, token = coordinator) => expect((await t.graphql(query, undefined, token)).errors).toBeUndefined();
    await run(`mutation { updatePartner(input: { id: "${partner.id}", name: "Nieuwe naam" }) { userErrors { code } } }`);
    await run(
      `mutation { rescheduleMeeting(input: { id: "${meeting.id}", startsAt: "2026-12-17T19:30:00+01:00", endsAt: "2026-12-17T21:30:00+01:00" }) { userErrors { code } } }`,
    );
    await run(`mutation { addAgendaItem(input: { meetingId: "${meeting.id}", title: "Punt" }) { userErrors { code } } }`);
    await run(
      `mutation { respondToMeeting(input: { meetingId: "${meeting.id}", response: ACCEPTED }) { userErrors { code } } }`,
      partnerToken,
    );
    await run(`{ meeting(id: "${meeting.id}") { invitations { partner { name } } } standingThemes }`);
    const neighbour = await addNeighbour(t);
    await scheduleBuurtbabbel(t);
    await run(`mutation { optOutNeighbour(id: "${neighbour.id}") { userErrors { code } } }`);
    await run(`{ neighbour(id: "${neighbour.id}") { id } buurtbabbels { edges { node { host { name } } } } }`);

    const project = await activeProject(t, partner.id);
    expect(
      (await projectMutation(t, 'update', { projectId: project.id, expectedVersion: project.version, name: 'Ander project' })).userErrors,
    ).toEqual([]);
    await projectMutation(t, 'engage', { projectId: project.id, partnerId: partner.id, hoursPerMonth: 2 });

    expect(reads.length).toBeGreaterThan(5);
    expect(reads.filter((read) => !read.consistent)).toEqual([]);
  });
});
