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

describe('GraphQL answers', () => {
  it('are never kept by a cache: cache-control no-store on data and on errors', async () => {
    const t = await createTestApp();
    for (const query of ['{ viewer { role } }', '{ nope }']) {
      const response = await t.request({
        method: 'POST',
        path: apiPaths.graphql,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      expect({ query, cacheControl: response.headers['cache-control'] }).toEqual({ query, cacheControl: 'no-store' });
    }
  });
});
