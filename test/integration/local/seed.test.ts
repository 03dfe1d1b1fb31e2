import {
  seedDemoNetwork,
  graphqlViaHandler,
  demoBuurtbabbelTimes,
  demoMeetingTimes,
  demoNeighbours,
  demoPartners,
  demoProjects,
} from '../../../functions/local/seed';
import { createTestApp } from '../../support/test-app';
import { fakeGraphqlApi } from './fake-graphql-api';

describe('seed', () => {
  it('creates the partners and the next meeting through the handler, as a coordinator', async () => {
    const api = fakeGraphqlApi();
    const result = await seedDemoNetwork(graphqlViaHandler(api.handler, 'token-1'), new Date('2026-03-20T10:00:00Z'));
    expect(result).toEqual({
      skipped: false,
      partners: demoPartners.length,
      meetingId: 'meeting-1',
      projects: demoProjects.length,
      neighbours: demoNeighbours.length,
      buurtbabbelId: 'buurtbabbel-1',
    });

    expect(api.events[0]).toMatchObject({
      version: '2.0',
      rawPath: '/graphql',
      headers: { authorization: 'Bearer token-1', 'content-type': 'application/json' },
      requestContext: { http: { method: 'POST' } },
      isBase64Encoded: false,
    });
    const partners = api.operations.filter((op) => op.query.includes('createPartner')).map((op) => op.variables!.input);
    expect(partners[0]).toMatchObject({ name: 'Schakel vzw', kind: 'NONPROFIT' });
    expect(new Set(partners.map((p) => p.kind))).toEqual(new Set(['NONPROFIT', 'FREELANCER', 'COMPANY']));
    for (const partner of partners) {
      expect(partner.email).toMatch(/@([\w-]+\.)?example\.be$/);
      expect(partner.representatives.length).toBeGreaterThan(0);
    }
    const meeting = api.operations.find((op) => op.query.includes('scheduleMeeting'))!.variables!.input;
    // Ten days after 20 March is 30 March: summer time by then.
    expect(meeting).toMatchObject({
      startsAt: '2026-03-30T19:30:00+02:00',
      endsAt: '2026-03-30T21:30:00+02:00',
      location: 'Buurthuis, Sint-Pietersaalststraat, Gent',
      inviteePartnerIds: partners.map((_, i) => `partner-${i + 1}`),
    });
  });

  it('proposes the demo projects after the partners, engages partners by their ids and activates the assessed one', async () => {
    const api = fakeGraphqlApi();
    await seedDemoNetwork(graphqlViaHandler(api.handler, 't'), new Date('2026-03-20T10:00:00Z'));
    const inputs = (field: string) => api.operations.filter((op) => op.query.includes(field)).map((op) => op.variables!.input);
    const partnerId = (name: string) => `partner-${demoPartners.findIndex((partner) => partner.name === name) + 1}`;

    expect(inputs('proposeProject').map((input) => [input.name, input.promoterPartnerId])).toEqual([
      ['Repair café Sint-Pieters', partnerId('Atelier Ledeberg')],
      ['Matrixavonden', partnerId('Jonas Martens Procesbegeleiding')],
    ]);
    expect(inputs('engageInProject')).toContainEqual({
      projectId: 'project-1',
      partnerId: partnerId('Koffiebranderij Sint-Pieters'),
      hoursPerMonth: 2,
      energyNote: 'Koffie voor de bezoekers',
    });
    expect(inputs('engageInProject').filter((input) => input.projectId === 'project-2')).toHaveLength(2);
    expect(inputs('assessProject').map((input) => input.projectId)).toEqual(['project-1']);
    // The proposal in intake starts as an idea so that its hand-written agenda point is its only one.
    expect(inputs('changeProjectStatus')).toEqual([
      { projectId: 'project-1', status: 'ACTIVE' },
      { projectId: 'project-2', status: 'PROPOSED' },
    ]);
    expect(inputs('addAgendaItem')).toEqual([
      { meetingId: 'meeting-1', title: 'Intake Matrixavonden: businessmodel en doelen bespreken', projectId: 'project-2' },
    ]);
  });

  it('seeds a network the real API accepts: an ACTIVE project with engagements, one in intake, and an over-committed partner', async () => {
    const t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    const token = await t.token('COORDINATOR');
    const result = await seedDemoNetwork(async (query, variables) => t.graphql(query, variables, token), t.clock.now());
    expect(result).toMatchObject({ skipped: false, partners: demoPartners.length, projects: 2 });

    const read = await t.graphql(
      `{ projects { edges { node { name status openIntakeItems promoter { name } reviews { status dueAt }
           engagements { hoursPerMonth partner { name } overCapacity } } } }
         overCommittedPartners { name } }`,
      {},
      token,
    );
    const projects = read.data.projects.edges.map((edge: any) => edge.node);
    expect(projects.map((p: any) => [p.name, p.status, p.openIntakeItems])).toEqual([
      ['Repair café Sint-Pieters', 'ACTIVE', []],
      ['Matrixavonden', 'PROPOSED', ['BUSINESS_MODEL_ASSESSMENT', 'COMMUNITY_GOALS_ASSESSMENT']],
    ]);
    expect(projects[0].engagements.map((e: any) => e.partner.name).sort()).toEqual([
      'Atelier Ledeberg',
      'Koffiebranderij Sint-Pieters',
      'Schakel vzw',
    ]);
    expect(projects[0].reviews).toEqual([{ status: 'SCHEDULED', dueAt: '2027-03-01T00:00:00+01:00' }]);
    expect(read.data.overCommittedPartners).toEqual([{ name: 'Atelier Ledeberg' }]);

    const meeting = await t.graphql(
      `query($id: ID!) { meeting(id: $id) { agenda { title kind project { name } } } }`,
      { id: result.meetingId },
      token,
    );
    // The meeting's own topics first, then the project it needs.
    expect(meeting.data.meeting.agenda).toEqual([
      { title: 'Buurtbabbel van het voorjaar', kind: 'TOPIC', project: null },
      { title: 'Nieuwe projecten', kind: 'TOPIC', project: null },
      { title: 'Open space', kind: 'TOPIC', project: null },
      { title: 'Intake Matrixavonden: businessmodel en doelen bespreken', kind: 'PROJECT', project: { name: 'Matrixavonden' } },
    ]);
  });

  it('adds neighbours (one opted out) and a buurtbabbel hosted by a demo partner, whose invitations go out at once', async () => {
    const api = fakeGraphqlApi();
    await seedDemoNetwork(graphqlViaHandler(api.handler, 't'), new Date('2026-03-20T10:00:00Z'));
    const neighbours = api.operations.filter((op) => op.query.includes('addNeighbour')).map((op) => op.variables!.input);
    expect(neighbours.map((n) => n.businessName)).toEqual(demoNeighbours.map((n) => n.businessName));
    for (const neighbour of neighbours) {
      expect(neighbour.email).toMatch(/@[\w-]+\.example\.be$/);
      expect(neighbour.street).toMatch(/^Sint-Pietersaalststraat \d+$/);
      expect(neighbour).not.toHaveProperty('optedOut');
    }
    const optedOut = api.operations.filter((op) => op.query.includes('optOutNeighbour')).map((op) => op.variables!.id);
    expect(optedOut).toHaveLength(1);
    const buurtbabbel = api.operations.find((op) => op.query.includes('scheduleBuurtbabbel'))!.variables!.input;
    const host = demoPartners.findIndex((p) => p.name === 'Koffiebranderij Sint-Pieters');
    expect(buurtbabbel).toEqual({
      startsAt: '2026-04-01T17:30:00+02:00',
      endsAt: '2026-04-01T19:30:00+02:00',
      location: 'Koffiebranderij Sint-Pieters, Sint-Pietersaalststraat, Gent',
      hostPartnerId: `partner-${host + 1}`,
      maxGuests: 15,
    });
    expect(demoBuurtbabbelTimes(new Date('2026-01-05T22:30:00Z'))).toEqual({
      startsAt: '2026-01-17T17:30:00+01:00',
      endsAt: '2026-01-17T19:30:00+01:00',
    });
  });

  it('is accepted as it is by the real API, and the buurtbabbel round invites the neighbours who did not opt out', async () => {
    const t = await createTestApp({ now: '2026-03-20T10:00:00Z' });
    const token = await t.token('COORDINATOR');
    const result = await seedDemoNetwork((query, variables) => t.graphql(query, variables, token), t.clock.now());

    const read = await t.graphql(
      `query($id: ID!) { neighbours { edges { node { businessName optedOutAt consentBasis } } } buurtbabbel(id: $id) { host { name } maxGuests invitationsAt } }`,
      { id: result.buurtbabbelId },
      token,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data.neighbours.edges.map((e: any) => e.node.businessName).sort()).toEqual(
      demoNeighbours.map((n) => n.businessName).sort(),
    );
    expect(read.data.neighbours.edges.filter((e: any) => e.node.optedOutAt)).toHaveLength(1);
    expect(read.data.buurtbabbel).toEqual({
      host: { name: 'Koffiebranderij Sint-Pieters' },
      maxGuests: 15,
      invitationsAt: '2026-03-18T17:30:00+01:00',
    });
    expect(await t.app.buurtbabbels.runDueRounds()).toEqual({ rounds: 1, invitations: demoNeighbours.length - 1, reminders: 0, failed: 0 });
  });

  it('leaves a database with partners alone', async () => {
    const api = fakeGraphqlApi({ existingPartners: 1 });
    expect(await seedDemoNetwork(graphqlViaHandler(api.handler, 't'))).toEqual({ skipped: true, partners: 0 });
    expect(api.operations).toHaveLength(1);
  });

  it('stops with the user errors of a refused mutation', async () => {
    const api = fakeGraphqlApi({ refuse: 'Atelier Ledeberg' });
    await expect(seedDemoNetwork(graphqlViaHandler(api.handler, 't'))).rejects.toThrow(
      'createPartner refused: DUPLICATE Dit adres is al in gebruik',
    );
  });

  it('plans the meeting at 19:30 Brussels time in winter too', () => {
    expect(demoMeetingTimes(new Date('2026-01-05T22:30:00Z'))).toEqual({
      startsAt: '2026-01-15T19:30:00+01:00',
      endsAt: '2026-01-15T21:30:00+01:00',
    });
  });
});
