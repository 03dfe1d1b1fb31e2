import { signLinkToken } from '../../../functions/shared/links/signed-links';
import { addNeighbour, readBuurtbabbel, scheduleBuurtbabbel } from '../../support/buurtbabbel-fixtures';
import { createTestApp, linkSecret, type TestApp } from '../../support/test-app';

/** The pages behind email links read in the person's language (the `lang` in the token), or the browser's. */
describe('link pages in English', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  });

  const sign = (purpose: 'buurtbabbel-answer' | 'consolidation-review' | 'unsubscribe', claims: Record<string, string>) =>
    signLinkToken(linkSecret, purpose, claims, new Date('2027-01-01T00:00:00Z'), t.clock.now());

  it("shows an English neighbour's buurtbabbel answer page in English, and the GET changes nothing", async () => {
    const neighbour = await addNeighbour(t, { language: 'EN' });
    const buurtbabbel = await scheduleBuurtbabbel(t);
    const token = await sign('buurtbabbel-answer', { buurtbabbelId: buurtbabbel.id, neighbourId: neighbour.id, lang: 'en' });
    const before = await readBuurtbabbel(t, buurtbabbel.id);

    const page = await t.request({ path: '/buurtbabbel/answer', rawQuery: `token=${encodeURIComponent(token)}&answer=YES` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="en');
    expect(page.body).toContain('Are you coming to the buurtbabbel?');
    expect(page.body).toContain('>I’m coming</button>');
    expect(page.body).toContain('Your answer is only saved when you click a button.');
    expect(page.body).not.toContain('Kom je');
    expect(await readBuurtbabbel(t, buurtbabbel.id)).toEqual(before);

    // The switch shows the same page in Dutch.
    const dutch = await t.request({ path: '/buurtbabbel/answer', rawQuery: `token=${encodeURIComponent(token)}&lang=nl` });
    expect(dutch.body).toContain('Kom je naar de buurtbabbel?');

    // The POST of the English form answers in English.
    const answered = await t.request({
      method: 'POST',
      path: '/buurtbabbel/answer',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, answer: 'NO', lang: 'en' }).toString(),
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toContain('A pity you cannot come.');
  });

  it("shows an English unsubscribe page, and a promoter's review page in English", async () => {
    const neighbour = await addNeighbour(t, { language: 'EN' });
    const unsubscribe = await sign('unsubscribe', { neighbourId: neighbour.id, lang: 'en' });
    const page = await t.request({ path: '/unsubscribe', rawQuery: `token=${encodeURIComponent(unsubscribe)}` });
    expect(page.body).toContain('No more invitations to buurtbabbels?');
    expect(page.body).toContain('>Unsubscribe</button>');

    const review = await sign('consolidation-review', { projectId: 'gone', review: '1', partnerId: 'p', lang: 'en' });
    const gone = await t.request({ path: '/review', rawQuery: `token=${encodeURIComponent(review)}` });
    expect(gone.status).toBe(404);
    expect(gone.body).toContain('This consolidation review no longer exists.');
  });

  it('answers a broken link, and an unknown path, in English for a browser that asks for English', async () => {
    const headers = { 'accept-language': 'en-GB,en;q=0.9' };
    for (const path of ['/buurtbabbel/answer', '/review', '/unsubscribe', '/rsvp']) {
      const broken = await t.request({ path, rawQuery: 'token=broken', headers });
      expect(broken.status).toBe(400);
      expect(broken.body).toContain('This link is not valid.');
      expect(broken.body).not.toMatch(/Vraag|Gebruik de link|Afmelden kan/);
    }
    const dutch = await t.request({ path: '/review', rawQuery: 'token=broken' });
    expect(dutch.body).toContain('Deze link is ongeldig.');
    expect((await t.request({ path: '/nowhere', headers })).body).toBe('Not found.');
  });
});
