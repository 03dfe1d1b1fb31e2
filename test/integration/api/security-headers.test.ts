import { apiPaths } from '../../../functions/shared/links/api-paths';
import { createTestApp } from '../../support/test-app';

describe('every page and answer sends frame-ancestors none and nosniff', () => {
  it('on each route, a damaged link, a feed that does not exist, GraphQL and a 404', async () => {
    const t = await createTestApp();
    const requests = [
      ...Object.values(apiPaths).map((path) => ({ method: 'GET', path, rawQuery: 'token=damaged' })),
      {
        method: 'POST',
        path: apiPaths.rsvp,
        rawQuery: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'token=x',
      },
      { method: 'POST', path: apiPaths.graphql, headers: { 'content-type': 'application/json' }, body: '{"query":"{ viewer { role } }"}' },
      { method: 'GET', path: '/calendar/not-a-feed.ics' },
      { method: 'GET', path: '/nowhere' },
    ];
    for (const request of requests) {
      const response = await t.request(request);
      expect({ path: request.path, nosniff: response.headers['x-content-type-options'] }).toEqual({
        path: request.path,
        nosniff: 'nosniff',
      });
      expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    }
  });
});

describe('GraphQL answers are never stored', () => {
  it('sends cache-control: no-store on a query, a refused mutation and a query that does not parse', async () => {
    const t = await createTestApp();
    const authorization = `Bearer ${await t.token('COORDINATOR')}`;
    const bodies = [
      '{"query":"{ viewer { role } meetings(first: 1) { edges { node { id startsAt } } } }"}',
      JSON.stringify({
        query: `mutation { scheduleMeeting(input: { title: "", startsAt: "2026-11-01T19:00:00+01:00", endsAt: "2026-11-01T18:00:00+01:00" }) { userErrors { code } } }`,
      }),
      '{"query":"{ viewer { "}',
    ];
    for (const body of bodies) {
      const response = await t.request({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization },
        body,
      });
      expect({ body, cacheControl: response.headers['cache-control'] }).toEqual({ body, cacheControl: 'no-store' });
    }
  });
});
