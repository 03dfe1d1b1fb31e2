import { signLinkToken } from '../../../functions/shared/links/signed-links';
import { requestLimits } from '../../../functions/graphql/limits/request-limits';
import { createPartner, meetingInput, scheduleMeeting } from '../../support/fixtures';
import { parseIcs } from '../../support/parse-ics';
import { activeProject } from '../../support/project-fixtures';
import { createTestApp, linkSecret, type TestApp } from '../../support/test-app';

/**
 * What the HTTP layer, the link pages, the heat map, the import report and the calendar feed say
 * of their own, over the real handler: Dutch by default, English for an English caller (their
 * representative language, or Accept-Language), never a mix.
 */
describe('texts in the caller’s language (issue 16)', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
  });

  const english = { 'accept-language': 'en-GB,en;q=0.9' };

  async function post(body: string, headers: Record<string, string> = {}) {
    const response = await t.request({
      method: 'POST',
      path: '/graphql',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: response.status, ...JSON.parse(response.body) };
  }

  const query = (text: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    post(JSON.stringify({ query: text, variables }), headers);

  /** A partner member whose representative language is English, signed in, sending no Accept-Language. */
  async function englishMember() {
    const partner = await createPartner(t, { representatives: [{ name: 'Sam', email: 'sam@example.be', language: 'EN' }] });
    return { authorization: `Bearer ${await t.token('PARTNER', { partnerId: partner.id, email: 'sam@example.be' })}` };
  }

  describe('the HTTP layer’s own answers', () => {
    it('refuses a body that is no JSON, and one too large, in Dutch, for Accept-Language en and for an English representative', async () => {
      const coordinator = { authorization: `Bearer ${await t.token('COORDINATOR')}` };
      expect((await post('{nope', coordinator)).errors[0]).toEqual({
        message: 'De body van de vraag is geen geldige JSON.',
        extensions: { code: 'BAD_REQUEST' },
      });
      expect((await post('{nope', { ...coordinator, ...english })).errors[0].message).toBe('The request body is not valid JSON.');
      expect((await post('{nope', await englishMember())).errors[0].message).toBe('The request body is not valid JSON.');

      const huge = JSON.stringify({ query: `{ viewer { id } }`, variables: { pad: 'x'.repeat(requestLimits.bodyBytes) } });
      const dutch = await post(huge, coordinator);
      expect(dutch.status).toBe(413);
      expect(dutch.errors[0]).toEqual({
        message: 'De vraag is te groot: hoogstens 262.144 bytes.',
        extensions: { code: 'PAYLOAD_TOO_LARGE' },
      });
      expect((await post(huge, { ...coordinator, ...english })).errors[0].message).toBe('The request is too large: at most 262,144 bytes.');
      expect((await post(huge, await englishMember())).errors[0].message).toBe('The request is too large: at most 262,144 bytes.');
    });

    it('writes a request over a limit, and a DateTime that does not parse, in either language', async () => {
      const coordinator = { authorization: `Bearer ${await t.token('COORDINATOR')}` };
      const aliases = `{ ${Array.from({ length: requestLimits.aliases + 1 }, (_, i) => `v${i}: viewer { role }`).join(' ')} }`;
      const overLimit = async (headers: Record<string, string>) => (await query(aliases, {}, headers)).errors[0];
      expect(await overLimit(coordinator)).toMatchObject({
        message: 'De vraag is te groot: te veel aliassen (hoogstens 10).',
        extensions: { code: 'REQUEST_LIMIT_EXCEEDED', measure: 'aliases', limit: 10 },
      });
      expect((await overLimit({ ...coordinator, ...english })).message).toBe('The request is too large: too many aliases (at most 10).');

      const schedule = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { id } } }`;
      const badDate = async (headers: Record<string, string>) =>
        (await query(schedule, { input: meetingInput({ startsAt: 'morgen om acht' }) }, headers)).errors[0];
      const dutch = await badDate(coordinator);
      expect(dutch.message).toBe(
        'Ongeldige datum en tijd in input.startsAt: gebruik ISO 8601 met tijdzone, bv. 2026-12-03T19:30:00+01:00.',
      );
      expect(dutch.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_DATE_TIME', field: 'input.startsAt' });
      expect((await badDate({ ...coordinator, ...english })).message).toBe(
        'Invalid date and time in input.startsAt: use ISO 8601 with a time zone, e.g. 2026-12-03T19:30:00+01:00.',
      );
      // A literal in the query, and a page size out of range.
      const literal = await query(`{ meetings(from: "gisteren") { edges { node { id } } } }`, {}, { ...coordinator, ...english });
      expect(literal.errors[0].message).toMatch(/^Invalid date and time/);
      const tooMany = await query(`{ partners(first: 500) { edges { node { id } } } }`, {}, coordinator);
      expect(tooMany.errors[0]).toMatchObject({ message: 'first moet een geheel getal tussen 1 en 100 zijn.' });
      const tooManyEn = await query(`{ partners(first: 500) { edges { node { id } } } }`, {}, await englishMember());
      expect(tooManyEn.errors[0]).toMatchObject({
        message: 'first must be a whole number from 1 to 100.',
        extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_PAGE_SIZE', max: 100 },
      });
    });

    it('writes Apollo’s own refusal of a request it cannot read in the caller’s language, its text kept as detail', async () => {
      const dutch = await post('{}');
      expect(dutch.status).toBe(400);
      expect(dutch.errors[0].message).toBe('Dit is geen geldige GraphQL-vraag over HTTP. De details staan in extensions.detail.');
      expect(dutch.errors[0].extensions).toEqual({ code: 'BAD_REQUEST', detail: expect.stringMatching(/POST body missing|no keys/) });
      const inEnglish = await post('{}', english);
      expect(inEnglish.errors[0].message).toBe('This is not a valid GraphQL request over HTTP. The details are in extensions.detail.');
    });

    it('answers 429 in the caller’s language', async () => {
      t = await createTestApp({ now: '2026-12-01T09:00:15Z', config: { RATE_LIMIT_PER_MINUTE: '1' } });
      const member = await englishMember();
      const coordinator = { authorization: `Bearer ${await t.token('COORDINATOR')}` };
      await query('{ viewer { role } }', {}, member);
      await query('{ viewer { role } }', {}, coordinator);
      const tooMany = await query('{ viewer { role } }', {}, member);
      expect(tooMany.status).toBe(429);
      expect(tooMany.errors[0]).toEqual({
        message: 'Too many requests in a short time. Please try again in a moment.',
        extensions: { code: 'RATE_LIMITED' },
      });
      expect((await query('{ viewer { role } }', {}, coordinator)).errors[0].message).toBe(
        'Te veel vragen in korte tijd. Probeer het zo opnieuw.',
      );
    });
  });

  it('reports each refused line of a neighbour import in the caller’s language', async () => {
    const importMutation = `mutation($csv: String!) { importNeighbours(csv: $csv) { imported refused { line code message } userErrors { code message } } }`;
    const csv = [
      'bedrijfsnaam;e-mail;adres;taal;datum toestemming',
      'Bakkerij;jan@bakkerij.be;Straat 1;nl;',
      'Geen adres;;Straat 2;;',
      'Frans;fr@buurt.be;Straat 3;Frans;',
      'Datum;d@buurt.be;Straat 4;;morgen',
      'Dubbel;JAN@bakkerij.be;Straat 5;;',
      'Stuk;st@;Straat 6;;',
    ].join('\n');
    const coordinator = { authorization: `Bearer ${await t.token('COORDINATOR')}` };
    const dutch = (await query(importMutation, { csv }, coordinator)).data.importNeighbours;
    expect(dutch.imported).toBe(1);
    expect(dutch.refused.map((r: any) => r.message)).toEqual([
      'Geen e-mailadres.',
      '"Frans" is geen taal die we kennen; schrijf "nl" of "en" (of laat leeg voor Nederlands).',
      '"morgen" is geen datum; schrijf bijvoorbeeld 3/11/2026 of 2026-11-03.',
      'Dit e-mailadres staat al op regel 2.',
      '"st@" is geen geldig e-mailadres.',
    ]);
    const inEnglish = (
      await query(importMutation, { csv: csv.replace(/jan@bakkerij\.be/gi, 'an@bakkerij.be') }, { ...coordinator, ...english })
    ).data.importNeighbours;
    expect(inEnglish.refused.map((r: any) => [r.line, r.code, r.message])).toEqual([
      [3, 'NO_EMAIL', 'No email address.'],
      [4, 'INVALID_LANGUAGE', '"Frans" is not a language we know; write "nl" or "en" (or leave it empty for Dutch).'],
      [5, 'INVALID_CONSENT_DATE', '"morgen" is not a date; write for example 3/11/2026 or 2026-11-03.'],
      [6, 'DUPLICATE_IN_FILE', 'This email address is already on line 2.'],
      [7, 'INVALID_EMAIL', 'This is not a valid email address.'],
    ]);
    // The file as a whole: no columns named.
    const noHeader = await query(importMutation, { csv: 'a;b\n1;2' }, { ...coordinator, ...english });
    expect(noHeader.data.importNeighbours.userErrors).toEqual([
      { code: 'MISSING_COLUMNS', message: expect.stringMatching(/^The first line must name the columns/) },
    ]);
  });

  it('makes the heat map link carry the caller’s language, and the SVG and its error pages speak it', async () => {
    const start = `mutation($input: StartMatrixSessionInput!) { startMatrixSession(input: $input) { matrixSession { id heatMapUrl } userErrors { code } } }`;
    const input = { question: 'Wat starten we?', rows: ['Ontmoeting'], columns: ['Koken', 'Groen'], votesPerParticipant: 3 };
    const coordinator = { authorization: `Bearer ${await t.token('COORDINATOR')}` };
    const svgOf = async (headers: Record<string, string>) => {
      const url = new URL((await query(start, { input }, headers)).data.startMatrixSession.matrixSession.heatMapUrl);
      return t.request({ path: url.pathname, rawQuery: url.search.slice(1) });
    };
    const dutch = await svgOf(coordinator);
    expect(dutch.status).toBe(200);
    expect(dutch.body).toContain('>0 stemmen</text>');
    expect(dutch.body).toContain('>0 ideeën</text>');
    const inEnglish = await svgOf({ ...coordinator, ...english });
    expect(inEnglish.headers['content-language']).toBe('en');
    expect(inEnglish.body).toContain('xml:lang="en-GB"');
    expect(inEnglish.body).toContain('>0 votes</text>');
    expect(inEnglish.body).toContain('>0 ideas</text>');
    expect(inEnglish.body).not.toMatch(/stem|idee/);

    const broken = await t.request({ path: '/matrix/heat-map', rawQuery: 'token=forged', headers: english });
    expect(broken.status).toBe(400);
    expect(broken.body).toContain('This link is not valid.');
    expect(broken.body).toContain('Open the session in the app again for a new link.');
    const gone = await signLinkToken(
      linkSecret,
      'matrix-heat-map',
      { sessionId: 'gone', lang: 'en' },
      new Date('2027-01-01'),
      t.clock.now(),
    );
    const missing = await t.request({ path: '/matrix/heat-map', rawQuery: `token=${encodeURIComponent(gone)}` });
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('This matrix session no longer exists.');
    const dutchMissing = await t.request({ path: '/matrix/heat-map', rawQuery: `token=${encodeURIComponent(gone)}&lang=nl` });
    expect(dutchMissing.body).toContain('Deze matrixsessie bestaat niet meer.');
  });

  it('shows the review form’s refusals in the promoter’s language', async () => {
    const promoter = await createPartner(t, { name: 'Bakkerij Peeters' });
    const project = await activeProject(t, promoter.id, { name: 'Repair café' });
    t.clock.set('2027-03-01T07:00:00Z');
    await t.app.consolidationReviews.sendDueReviews();
    const answer = async (lang: string) => {
      const token = await signLinkToken(
        linkSecret,
        'consolidation-review',
        { projectId: project.id, review: '1', partnerId: promoter.id, lang },
        new Date('2027-06-01T00:00:00Z'),
        t.clock.now(),
      );
      return t.request({
        method: 'POST',
        path: '/review',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, outcome: 'TRANSFER_TO_THIRD_PARTY', note: 'Naar de buurt' }).toString(),
      });
    };
    const inEnglish = await answer('en');
    expect(inEnglish.status).toBe(400);
    expect(inEnglish.body).toContain('Say to whom the project is handed over.');
    expect(inEnglish.body).toContain('Naar de buurt');
    expect(inEnglish.body).not.toContain('Zeg aan wie');
    expect(inEnglish.body).toContain('A consolidation review is a short question to the promoter');
    const dutch = await answer('nl');
    expect(dutch.status).toBe(400);
    expect(dutch.body).not.toContain('Say to whom');
    expect(dutch.body).toContain('Aan wie wordt het overgedragen?');
  });

  describe('the calendar feed', () => {
    async function feedOf(language: 'EN' | 'NL') {
      const email = `${language.toLowerCase()}@example.be`;
      const partner = await createPartner(t, { representatives: [{ name: 'Rep', email, language }] });
      await scheduleMeeting(t, { themes: ['Buurtwerking'] });
      const token = await t.token('PARTNER', { partnerId: partner.id, email });
      const url: string = (await t.graphql(`mutation { createCalendarFeed { url } }`, {}, token)).data.createCalendarFeed.url;
      return new URL(url).pathname;
    }

    it("writes DESCRIPTION in the feed owner's language", async () => {
      const english = parseIcs((await t.request({ path: await feedOf('EN') })).body);
      const dutch = parseIcs((await t.request({ path: await feedOf('NL') })).body);
      expect(JSON.stringify(english)).toContain('Themes: Buurtwerking');
      expect(JSON.stringify(dutch)).toContain("Thema's: Buurtwerking");
    });

    it('answers 404, 405 and 410 by Accept-Language', async () => {
      const unknown = `/calendar/${'x'.repeat(40)}.ics`;
      expect((await t.request({ path: unknown })).body).toBe('Deze agenda-link bestaat niet (meer).');
      expect((await t.request({ path: unknown, headers: english })).body).toBe('This calendar link does not exist (any more).');
      const refused = await t.request({ method: 'DELETE', path: unknown, headers: english });
      expect(refused.status).toBe(405);
      expect(refused.headers.allow).toBe('GET, HEAD');
      expect(refused.body).toBe('This calendar link can only be read (GET).');
      const path = await feedOf('NL');
      t.clock.advance(366 * 86_400_000);
      const expired = await t.request({ path, headers: english });
      expect(expired.status).toBe(410);
      expect(expired.body).toMatch(/^This calendar link has not been used for a year/);
    });
  });
});
