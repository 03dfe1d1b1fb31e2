import { createPartner, scheduleMeeting } from '../../support/fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';
import { parseIcs } from '../../support/parse-ics';

describe('personal calendar feeds', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp();
  });

  const feedPath = (url: string) => new URL(url).pathname;

  it('serves a partner member the meetings of its partner, and stops after revocation or rotation', async () => {
    const mine = await createPartner(t);
    const other = await createPartner(t);
    const invited = await scheduleMeeting(t, { title: 'Mijn overleg', inviteePartnerIds: [mine.id] });
    await scheduleMeeting(t, { title: 'Ander overleg', inviteePartnerIds: [other.id] });
    const token = await t.token('PARTNER', { partnerId: mine.id });

    const created = await t.graphql(`mutation { createCalendarFeed { url userErrors { code } } }`, {}, token);
    const url: string = created.data.createCalendarFeed.url;
    expect(url).toMatch(/^https:\/\/destek\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const feed = await t.request({ method: 'GET', path: feedPath(url) });
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = parseIcs(feed.body);
    expect(calendar.method).toBe('PUBLISH');
    expect(calendar.events.map((e) => [e.summary, e.uid])).toEqual([['Mijn overleg', `meeting-${invited.id}@destek.test`]]);

    const rotated = await t.graphql(`mutation { createCalendarFeed { url } }`, {}, token);
    expect((await t.request({ method: 'GET', path: feedPath(url) })).status).toBe(404);
    expect((await t.request({ method: 'GET', path: feedPath(rotated.data.createCalendarFeed.url) })).status).toBe(200);

    const revoked = await t.graphql(`mutation { revokeCalendarFeed { revoked } }`, {}, token);
    expect(revoked.data.revokeCalendarFeed.revoked).toBe(true);
    expect((await t.request({ method: 'GET', path: feedPath(rotated.data.createCalendarFeed.url) })).status).toBe(404);
  });

  it('shows a cancelled meeting as cancelled', async () => {
    const partner = await createPartner(t);
    const meeting = await scheduleMeeting(t);
    await t.graphql(
      `mutation($id: ID!) { cancelMeeting(input: { id: $id }) { userErrors { code } } }`,
      { id: meeting.id },
      await t.token('COORDINATOR'),
    );
    const token = await t.token('PARTNER', { partnerId: partner.id });
    const url = (await t.graphql(`mutation { createCalendarFeed { url } }`, {}, token)).data.createCalendarFeed.url;
    const calendar = parseIcs((await t.request({ method: 'GET', path: feedPath(url) })).body);
    expect(calendar.events.map((e) => [e.status, e.sequence])).toEqual([['CANCELLED', 1]]);
  });

  it('answers an unknown feed token with 404', async () => {
    const response = await t.request({ method: 'GET', path: '/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' });
    expect(response.status).toBe(404);
  });
});
