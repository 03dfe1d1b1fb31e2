import type { TestApp } from './test-app';

/** Builders with overrides: each test says only what matters to it. */
export const partnerFields = `id name kind email version capacity { hoursPerMonth eurosPerYear } representatives { id name email } competences`;

export const meetingFields = `id title startsAt endsAt location status themes sequence version minutes cancelReason
  agenda { id title projectId }
  invitations { response respondedAt partner { id name } }
  attendance { id }
  previousMeeting { id } nextMeeting { id }`;

let counter = 0;

/**
 * Runs a mutation, as a coordinator unless a token is given, and returns `field` of its payload
 * (e.g. `partner`); throws with the whole response when it is missing (a GraphQL error or
 * userErrors). For the builders of every module.
 */
export async function mutateOrThrow(
  t: TestApp,
  mutation: string,
  variables: Record<string, unknown>,
  field: string,
  token?: string,
): Promise<any> {
  const result = await t.graphql(mutation, variables, token ?? (await t.token('COORDINATOR')));
  const [name, payload]: [string, any] = Object.entries(result.data ?? {})[0] ?? ['mutation', undefined];
  if (!payload?.[field]) throw new Error(`${name} failed: ${JSON.stringify(result)}`);
  return payload[field];
}

export async function createPartner(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; name: string; email: string }> {
  counter += 1;
  const input = {
    name: `Partner ${counter}`,
    kind: 'FREELANCER',
    email: `partner${counter}@example.be`,
    representatives: [{ name: `Vertegenwoordiger ${counter}`, email: `rep${counter}@example.be` }],
    ...overrides,
  };
  return mutateOrThrow(
    t,
    `mutation($input: CreatePartnerInput!) { createPartner(input: $input) { partner { ${partnerFields} } userErrors { field message code } } }`,
    { input },
    'partner',
  );
}

export function meetingInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Overleg De Stek',
    startsAt: '2026-12-10T19:30:00+01:00',
    endsAt: '2026-12-10T21:30:00+01:00',
    location: 'Buurthuis, Sint-Pietersaalststraat, Gent',
    ...overrides,
  };
}

export async function scheduleMeeting(t: TestApp, overrides: Record<string, unknown> = {}): Promise<any> {
  return mutateOrThrow(
    t,
    `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meeting { ${meetingFields} } userErrors { field message code } } }`,
    { input: meetingInput(overrides) },
    'meeting',
  );
}
