import {
  invitationRecipients,
  mergeRepresentatives,
  validatePartnerFields,
  type PartnerRecord,
} from '../../../functions/modules/partners/partner';

const partner = (overrides: Partial<PartnerRecord> = {}): PartnerRecord => ({
  id: 'p1',
  name: 'Atelier',
  kind: 'COMPANY',
  email: 'info@atelier.be',
  representatives: [],
  competences: [],
  version: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...overrides,
});

describe('partner rules', () => {
  it('requires name and email on create but not on update', () => {
    expect(
      validatePartnerFields({}, true)
        .map((e) => e.code)
        .sort(),
    ).toEqual(['INVALID_EMAIL', 'REQUIRED']);
    expect(validatePartnerFields({}, false)).toEqual([]);
  });

  it('refuses the same representative address twice, whatever its case', () => {
    const errors = validatePartnerFields(
      {
        representatives: [
          { name: 'A', email: 'a@x.be' },
          { name: 'B', email: 'A@X.be' },
        ],
      },
      false,
    );
    expect(errors).toEqual([
      { field: ['input', 'representatives', '1', 'email'], code: 'DUPLICATE_EMAIL', message: expect.stringContaining('twee keer') },
    ]);
  });

  it('keeps the id of a representative whose address stays, and gives new ones a new id', () => {
    let next = 0;
    const merged = mergeRepresentatives(
      [{ id: 'keep', name: 'An', email: 'an@x.be', language: 'en' }],
      [
        { name: 'An P.', email: 'AN@x.be' },
        { name: 'Bo', email: 'bo@x.be' },
        { name: 'Cy', email: 'cy@x.be', language: 'EN' },
      ],
      () => `new-${++next}`,
    );
    // Listed again without a language, a representative keeps theirs; a new one reads Dutch unless told.
    expect(merged).toEqual([
      { id: 'keep', name: 'An P.', email: 'an@x.be', language: 'en' },
      { id: 'new-1', name: 'Bo', email: 'bo@x.be', language: 'nl' },
      { id: 'new-2', name: 'Cy', email: 'cy@x.be', language: 'en' },
    ]);
  });

  it('sends invitations to the representatives, or to the contact address when there are none', () => {
    expect(invitationRecipients(partner())).toEqual([{ email: 'info@atelier.be', name: 'Atelier' }]);
    expect(invitationRecipients(partner({ representatives: [{ id: 'r', name: 'Rik', email: 'rik@atelier.be' }] }))).toEqual([
      { email: 'rik@atelier.be', name: 'Rik', language: 'nl' },
    ]);
  });
});
