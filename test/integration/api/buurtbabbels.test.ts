import {
  addNeighbour,
  buurtbabbelFields,
  buurtbabbelInput,
  readBuurtbabbel,
  scheduleBuurtbabbel,
} from '../../support/buurtbabbel-fixtures';
import { createPartner } from '../../support/fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

const schedule = `mutation($input: ScheduleBuurtbabbelInput!) { scheduleBuurtbabbel(input: $input) { buurtbabbel { ${buurtbabbelFields} } userErrors { field code message } } }`;
const attendance = `mutation($input: RecordBuurtbabbelAttendanceInput!) { recordBuurtbabbelAttendance(input: $input) { buurtbabbel { attendedCount } userErrors { field code } } }`;

describe('buurtbabbels over GraphQL', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  });

  const asCoordinator = async (query: string, variables: Record<string, unknown> = {}) =>
    t.graphql(query, variables, await t.token('COORDINATOR'));

  it('schedules with a host, a maximum and the invitation moment (14 days before by default)', async () => {
    const host = await createPartner(t, { name: 'Bakkerij Peeters' });
    const buurtbabbel = await scheduleBuurtbabbel(t, { hostPartnerId: host.id, maxGuests: 25 });
    expect(buurtbabbel).toMatchObject({
      startsAt: '2026-12-20T19:00:00+01:00',
      status: 'PLANNED',
      maxGuests: 25,
      invitationDaysBefore: 14,
      invitationsAt: '2026-12-06T19:00:00+01:00',
      invitationsSentAt: null,
      invitedCount: 0,
      acceptedCount: 0,
      host: { id: host.id, name: 'Bakkerij Peeters' },
    });
    const soon = await scheduleBuurtbabbel(t, {
      startsAt: '2026-12-05T19:00:00+01:00',
      endsAt: '2026-12-05T21:00:00+01:00',
      invitationDaysBefore: 7,
    });
    // The moment has passed already: the next run of the job sends them.
    expect(soon.invitationsAt).toBe('2026-11-28T19:00:00+01:00');
    expect((await t.app.buurtbabbels.runDueRounds()).rounds).toBe(1);
  });

  it('sends no invitations for a buurtbabbel that started while the job was down, and takes it off the due index', async () => {
    await addNeighbour(t);
    const buurtbabbel = await scheduleBuurtbabbel(t);
    t.clock.set('2026-12-21T09:00:00Z');
    expect(await t.app.buurtbabbels.runDueRounds()).toEqual({ rounds: 1, invitations: 0, reminders: 0, failed: 0 });
    expect(await t.app.buurtbabbels.runDueRounds()).toEqual({ rounds: 0, invitations: 0, reminders: 0, failed: 0 });
    expect(await readBuurtbabbel(t, buurtbabbel.id)).toMatchObject({ invitedCount: 0, invitationsSentAt: null });
    expect(await t.app.repositories.outbox.findDue(t.clock.now(), 10)).toEqual([]);
  });

  it('invites no contact whose address became a partner address without conversion (createPartner, a spin-off)', async () => {
    await addNeighbour(t, { email: 'noor@koffie.be' });
    await addNeighbour(t, { email: 'els@slager.be' });
    await addNeighbour(t, { email: 'info@drukkerij.be' });
    await createPartner(t, { email: 'contact@koffiebar.be', representatives: [{ name: 'Noor', email: 'Noor@Koffie.be' }] });
    await createPartner(t, { email: 'info@drukkerij.be', representatives: [] });
    const buurtbabbel = await scheduleBuurtbabbel(t);
    t.clock.set('2026-12-06T18:00:00Z');

    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(1);
    const [dispatch] = (await t.app.repositories.outbox.findDue(t.clock.now(), 10)).filter((item) => item.type === 'dispatch');
    expect(dispatch.type === 'dispatch' && dispatch.dispatch.recipients.map((r) => r.email)).toEqual(['els@slager.be']);
    expect((await readBuurtbabbel(t, buurtbabbel.id)).invitedCount).toBe(1);
  });

  it('refuses bad input with Dutch messages and changes nothing', async () => {
    const result = await asCoordinator(schedule, {
      input: buurtbabbelInput({
        startsAt: '2026-11-20T19:00:00+01:00',
        endsAt: '2026-11-20T18:00:00+01:00',
        location: '',
        hostPartnerId: 'nobody',
        maxGuests: 0,
      }),
    });
    expect(result.data.scheduleBuurtbabbel.userErrors.map((e: any) => e.code).sort()).toEqual([
      'END_BEFORE_START',
      'INVALID_MAX_GUESTS',
      'REQUIRED',
      'START_IN_PAST',
      'UNKNOWN_PARTNER',
    ]);
    expect(result.data.scheduleBuurtbabbel.userErrors.find((e: any) => e.code === 'START_IN_PAST').message).toBe(
      'Het begin moet in de toekomst liggen.',
    );
    expect((await asCoordinator(`{ buurtbabbels { edges { node { id } } } }`)).data.buurtbabbels.edges).toEqual([]);
  });

  it('records who came after the event, keeps it in each neighbour history, and counts it', async () => {
    const [an, bo, cas] = [await addNeighbour(t), await addNeighbour(t), await addNeighbour(t)];
    const buurtbabbel = await scheduleBuurtbabbel(t);
    t.clock.set('2026-12-06T18:00:00Z');
    await t.app.buurtbabbels.runDueRounds();
    await t.app.buurtbabbels.answer(buurtbabbel.id, an.id, 'YES');
    await t.app.buurtbabbels.answer(buurtbabbel.id, bo.id, 'NO');

    const early = await asCoordinator(attendance, { input: { id: buurtbabbel.id, neighbourIds: [an.id] } });
    expect(early.data.recordBuurtbabbelAttendance.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_STARTED' }]);

    t.clock.set('2026-12-20T21:00:00Z');
    const unknown = await asCoordinator(attendance, { input: { id: buurtbabbel.id, neighbourIds: [an.id, 'nobody'] } });
    expect(unknown.data.recordBuurtbabbelAttendance.userErrors).toEqual([
      { field: ['input', 'neighbourIds', '1'], code: 'UNKNOWN_NEIGHBOUR' },
    ]);
    const recorded = await asCoordinator(attendance, { input: { id: buurtbabbel.id, neighbourIds: [an.id, cas.id] } });
    expect(recorded.data.recordBuurtbabbelAttendance).toEqual({ buurtbabbel: { attendedCount: 2 }, userErrors: [] });
    // Corrected: Cas did not come after all, Bo did.
    await asCoordinator(attendance, { input: { id: buurtbabbel.id, neighbourIds: [an.id, bo.id] } });

    expect(await readBuurtbabbel(t, buurtbabbel.id)).toMatchObject({
      invitedCount: 3,
      acceptedCount: 1,
      declinedCount: 1,
      attendedCount: 2,
    });
    const history = async (id: string) =>
      (await asCoordinator(`query($id: ID!) { neighbour(id: $id) { buurtbabbels { buurtbabbel { id } status attended } } }`, { id })).data
        .neighbour.buurtbabbels;
    expect(await history(an.id)).toEqual([{ buurtbabbel: { id: buurtbabbel.id }, status: 'ACCEPTED', attended: true }]);
    expect(await history(bo.id)).toEqual([{ buurtbabbel: { id: buurtbabbel.id }, status: 'DECLINED', attended: true }]);
    expect(await history(cas.id)).toEqual([{ buurtbabbel: { id: buurtbabbel.id }, status: null, attended: false }]);
  });

  it('lets partners read buurtbabbels and their counts, but not who the guests are', async () => {
    const partner = await createPartner(t);
    const buurtbabbel = await scheduleBuurtbabbel(t);
    const token = await t.token('PARTNER', { partnerId: partner.id });
    const counts = await t.graphql(`{ buurtbabbels { edges { node { id invitedCount acceptedCount } } } }`, {}, token);
    expect(counts.data.buurtbabbels.edges).toEqual([{ node: { id: buurtbabbel.id, invitedCount: 0, acceptedCount: 0 } }]);
    const guests = await t.graphql(`query($id: ID!) { buurtbabbel(id: $id) { guests { attended } } }`, { id: buurtbabbel.id }, token);
    expect(guests.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('pages the buurtbabbels by start time, from a date on', async () => {
    for (const day of [20, 13, 27]) {
      await scheduleBuurtbabbel(t, { startsAt: `2026-12-${day}T19:00:00+01:00`, endsAt: `2026-12-${day}T21:00:00+01:00` });
    }
    const first = await asCoordinator(`{ buurtbabbels(first: 2) { edges { node { startsAt } } pageInfo { hasNextPage endCursor } } }`);
    expect(first.data.buurtbabbels.edges.map((e: any) => e.node.startsAt)).toEqual([
      '2026-12-13T19:00:00+01:00',
      '2026-12-20T19:00:00+01:00',
    ]);
    const rest = await asCoordinator(
      `query($after: String) { buurtbabbels(first: 2, after: $after) { edges { node { startsAt } } pageInfo { hasNextPage } } }`,
      {
        after: first.data.buurtbabbels.pageInfo.endCursor,
      },
    );
    expect(rest.data.buurtbabbels).toEqual({
      edges: [{ node: { startsAt: '2026-12-27T19:00:00+01:00' } }],
      pageInfo: { hasNextPage: false },
    });
    const from = await asCoordinator(`{ buurtbabbels(from: "2026-12-21T00:00:00+01:00") { edges { node { startsAt } } } }`);
    expect(from.data.buurtbabbels.edges).toHaveLength(1);
  });

  it('reads the buurtbabbels list with counts and hosts in at most 2 round trips, whatever the number of contacts', async () => {
    const hosts = [await createPartner(t), await createPartner(t)];
    const csv = [
      'zaak;e-mail;adres',
      ...Array.from({ length: 150 }, (_, i) => `Zaak ${i};zaak${i}@buurt.be;Sint-Pietersaalststraat ${i}`),
    ].join('\n');
    expect(
      (await asCoordinator(`mutation($csv: String!) { importNeighbours(csv: $csv) { imported } }`, { csv })).data.importNeighbours.imported,
    ).toBe(150);
    const ids: string[] = [];
    for (const [index, day] of [20, 22, 27].entries()) {
      ids.push(
        (
          await scheduleBuurtbabbel(t, {
            startsAt: `2026-12-${day}T19:00:00+01:00`,
            endsAt: `2026-12-${day}T21:00:00+01:00`,
            hostPartnerId: hosts[index % 2].id,
          })
        ).id,
      );
    }
    t.clock.set('2026-12-14T00:00:00Z');
    await t.app.buurtbabbels.runDueRounds();
    const neighbours = await t.app.repositories.neighbours.listAll();
    for (const [i, neighbour] of neighbours.slice(0, 20).entries())
      await t.app.buurtbabbels.answer(ids[0], neighbour.id, i % 4 === 0 ? 'NO' : 'YES');
    const token = await t.token('COORDINATOR');

    t.roundTrips.reset();
    const result = await t.graphql(
      `{ buurtbabbels { edges { node { id startsAt host { name } invitedCount acceptedCount declinedCount maybeCount waitingCount attendedCount } } } }`,
      {},
      token,
    );

    expect(t.roundTrips.total).toBeLessThanOrEqual(2);
    expect(result.data.buurtbabbels.edges).toHaveLength(3);
    expect(result.data.buurtbabbels.edges.map((e: any) => e.node.invitedCount)).toEqual([150, 150, 150]);
    expect(result.data.buurtbabbels.edges[0].node).toMatchObject({
      acceptedCount: 15,
      declinedCount: 5,
    });
    expect(result.data.buurtbabbels.edges.map((e: any) => e.node.host.name)).toEqual([hosts[0].name, hosts[1].name, hosts[0].name]);
  });
});
