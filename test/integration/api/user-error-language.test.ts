import { buurtbabbelInput } from '../../support/buurtbabbel-fixtures';
import { createPartner } from '../../support/fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

const schedule = `mutation($input: ScheduleBuurtbabbelInput!) { scheduleBuurtbabbel(input: $input) { buurtbabbel { id } userErrors { field code message } } }`;
const pastInput = buurtbabbelInput({ startsAt: '2026-11-20T19:00:00+01:00', endsAt: '2026-11-20T21:00:00+01:00' });

describe("refusals in the caller's language", () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  });

  async function call(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const response = await t.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...JSON.parse(response.body) };
  }

  const startInPast = (result: any) => result.data.scheduleBuurtbabbel.userErrors.find((e: any) => e.code === 'START_IN_PAST');

  it('answers the same refused mutation in Dutch, and in English for Accept-Language: en', async () => {
    const authorization = `Bearer ${await t.token('COORDINATOR')}`;
    const dutch = await call(schedule, { input: pastInput }, { authorization });
    expect(startInPast(dutch)).toEqual({
      field: ['input', 'startsAt'],
      code: 'START_IN_PAST',
      message: 'Het begin moet in de toekomst liggen.',
    });
    const english = await call(schedule, { input: pastInput }, { authorization, 'accept-language': 'en-GB,en;q=0.9' });
    expect(startInPast(english)).toEqual({
      field: ['input', 'startsAt'],
      code: 'START_IN_PAST',
      message: 'The start must be in the future.',
    });
    expect(english.data.scheduleBuurtbabbel.buurtbabbel).toBeNull();
    // A language we do not have falls back to Dutch.
    const french = await call(schedule, { input: pastInput }, { authorization, 'accept-language': 'fr-BE' });
    expect(startInPast(french).message).toBe('Het begin moet in de toekomst liggen.');
    expect((await call(`{ buurtbabbels { edges { node { id } } } }`, {}, { authorization })).data.buurtbabbels.edges).toEqual([]);
  });

  it("follows a partner member's representative language (EN) without a header; NL stays Dutch", async () => {
    const partner = await createPartner(t, {
      representatives: [
        { name: 'Sam', email: 'Sam@Example.be', language: 'EN' },
        { name: 'An', email: 'an@example.be', language: 'NL' },
      ],
    });
    const sam = `Bearer ${await t.token('PARTNER', { partnerId: partner.id, email: 'sam@example.be' })}`;
    const an = `Bearer ${await t.token('PARTNER', { partnerId: partner.id, email: 'an@example.be' })}`;
    const asSam = await call(schedule, { input: pastInput }, { authorization: sam });
    expect(asSam.errors[0]).toMatchObject({ message: 'You do not have permission for this operation.', extensions: { code: 'FORBIDDEN' } });
    const asAn = await call(schedule, { input: pastInput }, { authorization: an });
    expect(asAn.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(asAn.errors[0].message).not.toBe('You do not have permission for this operation.');
    // The header still counts for a Dutch representative.
    const asAnInEnglish = await call(schedule, { input: pastInput }, { authorization: an, 'accept-language': 'en' });
    expect(asAnInEnglish.errors[0].message).toBe('You do not have permission for this operation.');
  });

  it("translates a query's errors too, and leaves its data as it is", async () => {
    const partner = await createPartner(t);
    const member = `Bearer ${await t.token('PARTNER', { partnerId: partner.id, email: 'lid@example.be' })}`;
    const refused = await call(
      `{ neighbours(first: 1) { edges { node { id } } } }`,
      {},
      { authorization: member, 'accept-language': 'en' },
    );
    expect(refused.errors[0]).toMatchObject({
      message: 'You do not have permission for this operation.',
      extensions: { code: 'FORBIDDEN' },
    });
    const coordinator = `Bearer ${await t.token('COORDINATOR')}`;
    const answered = await call(`{ partner(id: "${partner.id}") { name } }`, {}, { authorization: coordinator, 'accept-language': 'en' });
    expect(answered).toEqual({ status: 200, data: { partner: { name: partner.name } } });
  });

  it('refuses a bad token in English for Accept-Language: en', async () => {
    const result = await call(`{ viewer { id } }`, {}, { authorization: 'Bearer nonsense', 'accept-language': 'en' });
    expect(result.status).toBe(401);
    expect(result.errors[0]).toEqual({ message: 'You need to sign in for this operation.', extensions: { code: 'UNAUTHENTICATED' } });
  });
});
