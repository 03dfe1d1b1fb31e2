import { mutateOrThrow } from './fixtures';
import type { TestApp } from './test-app';

/** Builders for neighbours and buurtbabbels over GraphQL, with overrides. */
export const buurtbabbelFields = `id startsAt endsAt location status maxGuests invitationDaysBefore invitationsAt invitationsSentAt remindersSentAt
  invitedCount acceptedCount declinedCount maybeCount waitingCount attendedCount version host { id name }`;

export const neighbourFields = `id businessName contactName email street source consentBasis consentGivenAt optedOutAt bouncing partner { id name }`;

let counter = 0;

export async function addNeighbour(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; email: string; businessName: string }> {
  counter += 1;
  const input = {
    businessName: `Zaak ${counter}`,
    contactName: `Ondernemer ${counter}`,
    email: `zaak${counter}@buurt.example.be`,
    street: `Sint-Pietersaalststraat ${counter}`,
    ...overrides,
  };
  return mutateOrThrow(
    t,
    `mutation($input: AddNeighbourInput!) { addNeighbour(input: $input) { neighbourId neighbour { ${neighbourFields} } userErrors { field message code } } }`,
    { input },
    'neighbour',
  );
}

export function buurtbabbelInput(overrides: Record<string, unknown> = {}) {
  return {
    startsAt: '2026-12-20T19:00:00+01:00',
    endsAt: '2026-12-20T21:00:00+01:00',
    location: 'Bakkerij Peeters, Sint-Pietersaalststraat 10, Gent',
    ...overrides,
  };
}

export async function scheduleBuurtbabbel(t: TestApp, overrides: Record<string, unknown> = {}): Promise<any> {
  return mutateOrThrow(
    t,
    `mutation($input: ScheduleBuurtbabbelInput!) { scheduleBuurtbabbel(input: $input) { buurtbabbel { ${buurtbabbelFields} } userErrors { field message code } } }`,
    { input: buurtbabbelInput(overrides) },
    'buurtbabbel',
  );
}

export async function readBuurtbabbel(t: TestApp, id: string): Promise<any> {
  const result = await t.graphql(`query($id: ID!) { buurtbabbel(id: $id) { ${buurtbabbelFields} } }`, { id }, await t.token('COORDINATOR'));
  return result.data.buurtbabbel;
}
