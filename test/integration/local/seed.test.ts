import { seedDemoNetwork, graphqlViaHandler, demoMeetingTimes, demoPartners } from '../../../functions/local/seed';
import { fakeGraphqlApi } from './fake-graphql-api';

describe('seed', () => {
  it('creates the partners and the next meeting through the handler, as a coordinator', async () => {
    const api = fakeGraphqlApi();
    const result = await seedDemoNetwork(graphqlViaHandler(api.handler, 'token-1'), new Date('2026-03-20T10:00:00Z'));
    expect(result).toEqual({ skipped: false, partners: demoPartners.length, meetingId: 'meeting-1' });

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

  it('leaves a database with partners alone', async () => {
    const api = fakeGraphqlApi({ existingPartners: 1 });
    expect(await seedDemoNetwork(graphqlViaHandler(api.handler, 't'))).toEqual({ skipped: true, partners: 0 });
    expect(api.operations).toHaveLength(1);
  });

  it('stops with the user errors of a refused mutation', async () => {
    const api = fakeGraphqlApi({ refuse: 'Atelier Ledeberg' });
    await expect(seedDemoNetwork(graphqlViaHandler(api.handler, 't'))).rejects.toThrow('createPartner refused: DUPLICATE Dit adres is al in gebruik');
  });

  it('plans the meeting at 19:30 Brussels time in winter too', () => {
    expect(demoMeetingTimes(new Date('2026-01-05T22:30:00Z'))).toEqual({ startsAt: '2026-01-15T19:30:00+01:00', endsAt: '2026-01-15T21:30:00+01:00' });
  });
});
