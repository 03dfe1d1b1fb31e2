import { addNeighbour, neighbourFields } from '../../support/buurtbabbel-fixtures';
import { createPartner } from '../../support/fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

const importMutation = `mutation($csv: String!) { importNeighbours(csv: $csv) { imported consentDefaulted refused { line email code message } userErrors { code message } } }`;
const addMutation = `mutation($input: AddNeighbourInput!) { addNeighbour(input: $input) { neighbourId userErrors { field code message } } }`;

describe('neighbours over GraphQL', () => {
  let t: TestApp;
  let coordinator: string;

  beforeEach(async () => {
    t = await createTestApp({ now: '2026-12-01T09:00:00Z' });
    coordinator = await t.token('COORDINATOR');
  });

  const list = async () =>
    (await t.graphql(`{ neighbours(first: 100) { edges { node { ${neighbourFields} } } } }`, {}, coordinator)).data.neighbours.edges.map(
      (e: any) => e.node,
    );

  it('keeps the language a neighbour reads in: Dutch when left out, English when asked, also through the CSV import', async () => {
    const languageOf = async (email: string) =>
      (await t.graphql(`query($email: String!) { neighbourByEmail(email: $email) { language } }`, { email }, coordinator)).data
        .neighbourByEmail.language;
    await addNeighbour(t, { businessName: 'Nederlands', email: 'nl@buurt.be', street: 'Straat 1' });
    await addNeighbour(t, { businessName: 'English', email: 'en@buurt.be', street: 'Straat 2', language: 'EN' });
    const imported = await t.graphql(importMutation, { csv: 'zaak,e-mail,adres,taal\nShop,shop@buurt.be,Straat 3,english\n' }, coordinator);
    expect(imported.data.importNeighbours.imported).toBe(1);
    expect([await languageOf('nl@buurt.be'), await languageOf('en@buurt.be'), await languageOf('shop@buurt.be')]).toEqual([
      'NL',
      'EN',
      'EN',
    ]);
  });

  it('adds a neighbour with only what the invitations need, and the same address is one contact', async () => {
    const added = await addNeighbour(t, {
      businessName: ' Kapsalon Lotte ',
      contactName: 'Lotte Claes',
      email: ' Lotte@Kapsalon.be',
      street: 'Sint-Pietersaalststraat 14',
      source: 'Langsgegaan in de zaak',
      consentBasis: 'CONSENT',
      consentGivenAt: '2026-11-20T10:00:00+01:00',
    });
    expect(added).toEqual({
      id: expect.any(String),
      businessName: 'Kapsalon Lotte',
      contactName: 'Lotte Claes',
      email: 'lotte@kapsalon.be',
      street: 'Sint-Pietersaalststraat 14',
      source: 'Langsgegaan in de zaak',
      consentBasis: 'CONSENT',
      consentGivenAt: '2026-11-20T10:00:00+01:00',
      optedOutAt: null,
      bouncing: false,
      partner: null,
    });

    const again = await t.graphql(
      addMutation,
      { input: { businessName: 'Ander', email: 'LOTTE@kapsalon.be', street: 'X 1' } },
      coordinator,
    );
    expect(again.data.addNeighbour).toEqual({
      neighbourId: null,
      userErrors: [{ field: ['input', 'email'], code: 'ALREADY_KNOWN', message: 'Dit e-mailadres is al gekend als buurtondernemer.' }],
    });
    expect(await list()).toHaveLength(1);
  });

  it('takes the contract input alone: legitimate interest, as of now', async () => {
    const result = await t.graphql(
      addMutation,
      { input: { businessName: 'Frituur', email: 'frituur@buurt.be', street: 'Sint-Pietersaalststraat 3' } },
      coordinator,
    );
    expect(result.data.addNeighbour.userErrors).toEqual([]);
    expect((await list())[0]).toMatchObject({
      consentBasis: 'LEGITIMATE_INTEREST',
      consentGivenAt: '2026-12-01T10:00:00+01:00',
      contactName: null,
    });
  });

  it('refuses bad input and partners, with Dutch messages', async () => {
    await createPartner(t, { email: 'info@partner.be', representatives: [{ name: 'Rep', email: 'rep@partner.be' }] });
    const bad = await t.graphql(addMutation, { input: { businessName: '', email: 'geen-adres', street: ' ' } }, coordinator);
    expect(bad.data.addNeighbour.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['input.businessName', 'REQUIRED'],
      ['input.email', 'INVALID_EMAIL'],
      ['input.street', 'REQUIRED'],
    ]);
    expect(bad.data.addNeighbour.userErrors[2].message).toBe('Het adres (straat en nummer) mag niet leeg zijn.');
    const partner = await t.graphql(addMutation, { input: { businessName: 'P', email: 'Rep@Partner.be', street: 'S 1' } }, coordinator);
    expect(partner.data.addNeighbour.userErrors[0]).toMatchObject({
      code: 'IS_PARTNER',
      message: expect.stringContaining('partner van De Stek'),
    });
  });

  it('imports a CSV: every good row whole, every bad row reported with its line and reason', async () => {
    await addNeighbour(t, { email: 'bekend@buurt.be' });
    await createPartner(t, { email: 'partner@buurt.be', representatives: [] });
    const csv = [
      '\ufeffBedrijfsnaam;Contactpersoon;E-mail;Adres;Bron;Grondslag;Datum toestemming',
      'Bakkerij Peeters;Jan;jan@bakkerij.be;Sint-Pietersaalststraat 10;buurtfeest;toestemming;3/11/2026',
      'Zonder mail;An;;Sint-Pietersaalststraat 11;;;',
      'Kapot adres;Bo;bo@;Sint-Pietersaalststraat 12;;;',
      'Al gekend;Cas;Bekend@buurt.be;Sint-Pietersaalststraat 13;;;',
      'Partner;Dirk;partner@buurt.be;Sint-Pietersaalststraat 14;;;',
      'Dubbel;Jan;JAN@bakkerij.be;Sint-Pietersaalststraat 10;;;',
      'Slager Els;Els;els@slager.be;Sint-Pietersaalststraat 15;;gerechtvaardigd belang;',
    ].join('\r\n');

    const result = await t.graphql(importMutation, { csv }, coordinator);

    expect(result.data.importNeighbours).toEqual({
      imported: 2,
      consentDefaulted: 0,
      refused: [
        { line: 3, email: null, code: 'NO_EMAIL', message: 'Geen e-mailadres.' },
        { line: 4, email: 'bo@', code: 'INVALID_EMAIL', message: '"bo@" is geen geldig e-mailadres.' },
        { line: 5, email: 'Bekend@buurt.be', code: 'ALREADY_KNOWN', message: 'Dit e-mailadres is al gekend als buurtondernemer.' },
        { line: 6, email: 'partner@buurt.be', code: 'IS_PARTNER', message: expect.stringContaining('partner') },
        { line: 7, email: 'JAN@bakkerij.be', code: 'DUPLICATE_IN_FILE', message: 'Dit e-mailadres staat al op regel 2.' },
      ],
      userErrors: [],
    });
    const byEmail = Object.fromEntries((await list()).map((n: any) => [n.email, n]));
    expect(Object.keys(byEmail).sort()).toEqual(['bekend@buurt.be', 'els@slager.be', 'jan@bakkerij.be']);
    expect(byEmail['jan@bakkerij.be']).toMatchObject({
      businessName: 'Bakkerij Peeters',
      contactName: 'Jan',
      street: 'Sint-Pietersaalststraat 10',
      source: 'buurtfeest',
      consentBasis: 'CONSENT',
      consentGivenAt: '2026-11-03T00:00:00+01:00',
    });
    expect(byEmail['els@slager.be']).toMatchObject({ consentBasis: 'LEGITIMATE_INTEREST' });

    // The same file again imports nothing: every address is known by now.
    const again = await t.graphql(importMutation, { csv }, coordinator);
    expect(again.data.importNeighbours.imported).toBe(0);
  });

  it('imports a file without consent columns as legitimate interest as of the import, and says how many', async () => {
    const csv =
      'zaak;e-mail;adres;grondslag\nFrituur;frituur@buurt.be;Straat 1;\nSlager;slager@buurt.be;Straat 2;toestemming\nKapper;kapper@buurt.be;Straat 3;\n';
    const result = await t.graphql(importMutation, { csv }, coordinator);
    expect(result.data.importNeighbours).toMatchObject({ imported: 3, consentDefaulted: 2, refused: [] });
    const byEmail = Object.fromEntries((await list()).map((n: any) => [n.email, n]));
    expect(byEmail['frituur@buurt.be']).toMatchObject({ consentBasis: 'LEGITIMATE_INTEREST', consentGivenAt: '2026-12-01T10:00:00+01:00' });
    expect(byEmail['slager@buurt.be']).toMatchObject({ consentBasis: 'CONSENT', consentGivenAt: '2026-12-01T10:00:00+01:00' });
  });

  it('keeps one contact per address when two imports of the same address run at once', async () => {
    const csv = 'zaak,e-mail,adres\nZelfde,zelfde@buurt.be,Straat 1\n';
    const results = await Promise.all([1, 2, 3].map(() => t.graphql(importMutation, { csv }, coordinator)));
    expect(results.map((r) => r.data.importNeighbours.imported).sort()).toEqual([0, 0, 1]);
    expect(await list()).toHaveLength(1);
  });

  it('refuses a file it cannot read as a whole, importing nothing', async () => {
    const result = await t.graphql(importMutation, { csv: 'naam;telefoon\nA;09 123 45 67\n' }, coordinator);
    expect(result.data.importNeighbours).toEqual({
      imported: 0,
      consentDefaulted: 0,
      refused: [],
      userErrors: [{ code: 'MISSING_COLUMNS', message: expect.stringContaining('ontbrekend: bedrijfsnaam, e-mail, adres') }],
    });
  });

  it('lifts an opt-out when the neighbour asks to be invited again, recording their consent as of then', async () => {
    const neighbour = await addNeighbour(t, { email: 'terug@buurt.be' });
    const byId = `query($id: ID!) { neighbour(id: $id) { optedOutAt consentBasis consentGivenAt } }`;
    const optIn = `mutation($id: ID!) { optInNeighbour(id: $id) { neighbourId userErrors { field code message } } }`;
    await t.graphql(`mutation($id: ID!) { optOutNeighbour(id: $id) { userErrors { code } } }`, { id: neighbour.id }, coordinator);
    const schedule = `mutation($i: ScheduleBuurtbabbelInput!) { scheduleBuurtbabbel(input: $i) { userErrors { code } } }`;
    await t.graphql(
      schedule,
      { i: { startsAt: '2026-12-10T19:00:00+01:00', endsAt: '2026-12-10T21:00:00+01:00', location: 'Buurthuis', invitationDaysBefore: 2 } },
      coordinator,
    );
    t.clock.set('2026-12-08T18:00:00Z');
    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(0);

    const result = await t.graphql(optIn, { id: neighbour.id }, await t.token('COORDINATOR'));
    expect(result.data.optInNeighbour).toEqual({ neighbourId: neighbour.id, userErrors: [] });
    expect((await t.graphql(byId, { id: neighbour.id }, await t.token('COORDINATOR'))).data.neighbour).toEqual({
      optedOutAt: null,
      consentBasis: 'CONSENT',
      consentGivenAt: '2026-12-08T19:00:00+01:00',
    });
    await t.graphql(
      schedule,
      { i: { startsAt: '2026-12-20T19:00:00+01:00', endsAt: '2026-12-20T21:00:00+01:00', location: 'Buurthuis', invitationDaysBefore: 2 } },
      await t.token('COORDINATOR'),
    );
    t.clock.set('2026-12-18T18:00:00Z');
    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(1);

    const unknown = await t.graphql(optIn, { id: 'niemand' }, await t.token('COORDINATOR'));
    expect(unknown.data.optInNeighbour.userErrors).toEqual([
      { field: ['id'], code: 'NOT_FOUND', message: 'Deze buurtondernemer bestaat niet.' },
    ]);
    const optOut = await t.graphql(
      `mutation { optOutNeighbour(id: "niemand") { userErrors { field code } } }`,
      {},
      await t.token('COORDINATOR'),
    );
    expect(optOut.data.optOutNeighbour.userErrors).toEqual([{ field: ['id'], code: 'NOT_FOUND' }]);
  });

  it('turns a neighbour who came into a partner, linked both ways, and stops inviting it', async () => {
    const neighbour = await addNeighbour(t, { businessName: 'Koffiebar Noor', contactName: 'Noor', email: 'noor@koffie.be' });
    const convert = `mutation($input: ConvertNeighbourToPartnerInput!) { convertNeighbourToPartner(input: $input) {
      partner { id name kind email representatives { name email } formerNeighbour { id businessName } }
      neighbour { id partner { id } } userErrors { code } } }`;

    const result = await t.graphql(convert, { input: { neighbourId: neighbour.id, kind: 'COMPANY' } }, coordinator);

    const { partner, neighbour: linked, userErrors } = result.data.convertNeighbourToPartner;
    expect(userErrors).toEqual([]);
    expect(partner).toMatchObject({
      name: 'Koffiebar Noor',
      kind: 'COMPANY',
      email: 'noor@koffie.be',
      representatives: [{ name: 'Noor', email: 'noor@koffie.be' }],
      formerNeighbour: { id: neighbour.id, businessName: 'Koffiebar Noor' },
    });
    expect(linked.partner.id).toBe(partner.id);
    const again = await t.graphql(convert, { input: { neighbourId: neighbour.id, kind: 'COMPANY' } }, coordinator);
    expect(again.data.convertNeighbourToPartner.userErrors).toEqual([{ code: 'ALREADY_PARTNER' }]);

    // A partner's own view of the partner does not show the former contact's record.
    const asPartner = await t.graphql(
      `query($id: ID!) { partner(id: $id) { formerNeighbour { id } } }`,
      { id: partner.id },
      await t.token('PARTNER', { partnerId: partner.id }),
    );
    expect(asPartner.data.partner.formerNeighbour).toBeNull();

    await t.graphql(
      `mutation($i: ScheduleBuurtbabbelInput!) { scheduleBuurtbabbel(input: $i) { userErrors { code } } }`,
      { i: { startsAt: '2026-12-20T19:00:00+01:00', endsAt: '2026-12-20T21:00:00+01:00', location: 'Buurthuis', invitationDaysBefore: 0 } },
      coordinator,
    );
    t.clock.set('2026-12-20T18:00:00Z');
    expect((await t.app.buurtbabbels.runDueRounds()).invitations).toBe(0);
  });
});
