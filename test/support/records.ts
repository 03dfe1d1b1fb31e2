import type { PartnerRecord } from '../../functions/modules/partners/partner';

/** A stored partner for tests of pure rules: `Partner <id>`, `<id>@example.be`, the representatives given. */
export function partnerRecord(
  id: string,
  representatives: { name: string; email: string }[] = [],
  overrides: Partial<PartnerRecord> = {},
): PartnerRecord {
  return {
    id,
    name: `Partner ${id}`,
    kind: 'FREELANCER',
    email: `${id}@example.be`,
    representatives: representatives.map((rep, index) => ({ id: `${id}-${index}`, ...rep })),
    competences: [],
    version: 1,
    createdAt: '',
    updatedAt: '',
    ...overrides,
  };
}
