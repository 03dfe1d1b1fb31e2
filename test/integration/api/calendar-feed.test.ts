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
    const mine = await createPartner(t, { representatives: [{ name: 'Jan', email: 'jan@mijn.example.be' }] });
    const other = await createPartner(t);
    const invited = await scheduleMeeting(t, { title: 'Mijn overleg', inviteePartnerIds: [mine.id] });
    await scheduleMeeting(t, { title: 'Ander overleg', inviteePartnerIds: [other.id] });
    const token = await t.token('PARTNER', { partnerId: mine.id, email: 'jan@mijn.example.be' });

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
    const partner = await createPartner(t, { representatives: [{ name: 'Jan', email: 'jan@mijn.example.be' }] });
    const meeting = await scheduleMeeting(t);
    await t.graphql(
      `mutation($id: ID!) { cancelMeeting(input: { id: $id }) { userErrors { code } } }`,
      { id: meeting.id },
      await t.token('COORDINATOR'),
    );
    const token = await t.token('PARTNER', { partnerId: partner.id, email: 'jan@mijn.example.be' });
    const url = (await t.graphql(`mutation { createCalendarFeed { url } }`, {}, token)).data.createCalendarFeed.url;
    const calendar = parseIcs((await t.request({ method: 'GET', path: feedPath(url) })).body);
    expect(calendar.events.map((e) => [e.status, e.sequence])).toEqual([['CANCELLED', 1]]);
  });

  it('answers an unknown feed token with 404', async () => {
    const response = await t.request({ method: 'GET', path: '/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' });
    expect(response.status).toBe(404);
  });

  describe('hardening (issue 10)', () => {
    const day = 86_400_000;
    const rep = { name: 'Jan', email: 'jan@mijn.example.be' };
    const partnerFeed = async (partnerId: string, email = rep.email) => {
      const token = await t.token('PARTNER', { partnerId, email });
      return feedPath((await t.graphql(`mutation { createCalendarFeed { url } }`, {}, token)).data.createCalendarFeed.url);
    };
    const coordinator = () => t.token('COORDINATOR');

    it('records its use at most once a day, and expires with a 410 after a year unused', async () => {
      const partner = await createPartner(t, { representatives: [rep] });
      const path = await partnerFeed(partner.id);
      t.roundTrips.reset();
      expect((await t.request({ path })).status).toBe(200);
      expect((await t.request({ path })).status).toBe(200);
      expect(t.roundTrips.byCommand).toEqual(expect.objectContaining({ UpdateItemCommand: 1 }));

      // Used again 364 days later: still works, and the year starts again from then.
      t.clock.advance(364 * day);
      expect((await t.request({ path })).status).toBe(200);
      t.clock.advance(364 * day);
      expect((await t.request({ path })).status).toBe(200);
      t.clock.advance(366 * day);
      const expired = await t.request({ path });
      expect(expired.status).toBe(410);
      expect(expired.body).toContain('een jaar niet gebruikt');
      expect(expired.body).not.toContain('BEGIN:VCALENDAR');
    });

    it('re-checks the partner and the person at every fetch: archived partner or removed representative get nothing', async () => {
      const partner = await createPartner(t, { representatives: [rep, { name: 'Els', email: 'els@mijn.example.be' }] });
      const other = await createPartner(t, { representatives: [{ name: 'Piet', email: 'piet@ander.example.be' }] });
      await scheduleMeeting(t, { title: 'Overleg', inviteePartnerIds: [partner.id, other.id] });
      const jan = await partnerFeed(partner.id);
      const els = await partnerFeed(partner.id, 'els@mijn.example.be');
      const piet = await partnerFeed(other.id, 'piet@ander.example.be');
      // A token naming a partner the person does not represent makes a feed that serves nothing.
      const stranger = await partnerFeed(partner.id, 'iemand@elders.example.be');
      for (const path of [jan, els, piet]) expect((await t.request({ path })).status).toBe(200);
      expect((await t.request({ path: stranger })).status).toBe(404);

      const removed = await t.graphql(
        `mutation($input: UpdatePartnerInput!) { updatePartner(input: $input) { userErrors { code } } }`,
        { input: { id: partner.id, representatives: [{ name: 'Els', email: 'els@mijn.example.be' }] } },
        await coordinator(),
      );
      expect(removed.data.updatePartner.userErrors).toEqual([]);
      const refused = await t.request({ path: jan });
      expect(refused.status).toBe(404);
      expect(refused.body).not.toContain('Overleg');
      expect((await t.request({ path: els })).status).toBe(200);

      const archived = await t.graphql(
        `mutation { archivePartner(input: { id: "${other.id}" }) { userErrors { code } } }`,
        {},
        await coordinator(),
      );
      expect(archived.data.archivePartner.userErrors).toEqual([]);
      expect((await t.request({ path: piet })).status).toBe(404);
      expect((await t.request({ path: els })).status).toBe(200);
    });

    it("lets a coordinator revoke anyone's feed by their address, and nobody else", async () => {
      const partner = await createPartner(t, { representatives: [rep] });
      const path = await partnerFeed(partner.id);
      const mutation = `mutation($input: RevokeCalendarFeedsOfInput!) { revokeCalendarFeedsOf(input: $input) { revoked userErrors { code field } } }`;

      const byMember = await t.graphql(
        mutation,
        { input: { email: rep.email } },
        await t.token('PARTNER', { partnerId: partner.id, email: rep.email }),
      );
      expect(byMember.data).toBeNull();
      expect(byMember.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await t.request({ path })).status).toBe(200);

      const invalid = await t.graphql(mutation, { input: { email: 'geen adres' } }, await coordinator());
      expect(invalid.data.revokeCalendarFeedsOf).toEqual({
        revoked: false,
        userErrors: [expect.objectContaining({ field: ['input', 'email'] })],
      });

      const revoked = await t.graphql(mutation, { input: { email: ' JAN@mijn.example.be ' } }, await coordinator());
      expect(revoked.data.revokeCalendarFeedsOf).toEqual({ revoked: true, userErrors: [] });
      expect((await t.request({ path })).status).toBe(404);
      const again = await t.graphql(mutation, { input: { email: rep.email } }, await coordinator());
      expect(again.data.revokeCalendarFeedsOf).toEqual({ revoked: false, userErrors: [] });
    });

    it('shows the same meetings as the API, for a partner member and for a coordinator', async () => {
      const mine = await createPartner(t, { representatives: [rep] });
      const other = await createPartner(t);
      const titles = ['A', 'B', 'C', 'D', 'E', 'F'];
      for (const [index, title] of titles.entries()) {
        const date = `2026-12-${String(10 + index).padStart(2, '0')}`;
        await scheduleMeeting(t, {
          title,
          startsAt: `${date}T19:30:00+01:00`,
          endsAt: `${date}T21:30:00+01:00`,
          inviteePartnerIds: index % 2 === 0 ? [mine.id] : [other.id],
        });
      }
      const check = async (token: string) => {
        const path = feedPath((await t.graphql(`mutation { createCalendarFeed { url } }`, {}, token)).data.createCalendarFeed.url);
        const fromFeed = parseIcs((await t.request({ path })).body)
          .events.map((event) => event.summary)
          .sort();
        // Through the API, two at a time, so paging meets the meetings the partner does not see.
        const fromApi: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page: any = await t.graphql(
            `query($after: String) { meetings(first: 2, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }`,
            { after },
            token,
          );
          fromApi.push(...page.data.meetings.edges.map((edge: any) => edge.node.title));
          if (!page.data.meetings.pageInfo.hasNextPage) break;
          after = page.data.meetings.pageInfo.endCursor;
        }
        expect(fromApi.sort()).toEqual(fromFeed);
        return fromFeed;
      };
      expect(await check(await t.token('PARTNER', { partnerId: mine.id, email: rep.email }))).toEqual(['A', 'C', 'E']);
      expect(await check(await coordinator())).toEqual(titles);
    });

    it('answers a partner member nothing for a meeting their partner is not invited to', async () => {
      const mine = await createPartner(t, { representatives: [rep] });
      const other = await createPartner(t);
      const theirs = await scheduleMeeting(t, { title: 'Niet voor jou', inviteePartnerIds: [other.id] });
      const token = await t.token('PARTNER', { partnerId: mine.id, email: rep.email });
      const answer = await t.graphql(`query($id: ID!) { meeting(id: $id) { id title } }`, { id: theirs.id }, token);
      expect(answer.data.meeting).toBeNull();
      const coordinatorView = await t.graphql(`query($id: ID!) { meeting(id: $id) { title } }`, { id: theirs.id }, await coordinator());
      expect(coordinatorView.data.meeting.title).toBe('Niet voor jou');
    });
  });
});
