import { mutateOrThrow } from './fixtures';
import type { TestApp } from './test-app';

/** Builders for projects over GraphQL, as a coordinator unless a token is given. */
export const projectFields = `id name description status version motivation reviewIntervalMonths openIntakeItems
  promoter { id }
  hasBusinessModel businessModelNote fitsCommunityGoals communityGoalsNote
  engagements { partner { id } project { id } hoursPerMonth euros energyNote overCapacity }
  reviews { id number status dueAt requestedAt remindersSent coordinatorToldAt answeredAt outcome note thirdParty spinOffName confirmedAt confirmedOutcome confirmedAtMeeting { id } onAgenda }
  decisions { id text recordedAt meeting { id } review { number } }
  transferredTo spinOffPartner { id name kind email spunOffFrom { id } }`;

const payloadFields = `project { ${projectFields} } userErrors { field message code }`;

export const projectMutations = {
  propose: `mutation($input: ProposeProjectInput!) { proposeProject(input: $input) { ${payloadFields} } }`,
  update: `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { ${payloadFields} } }`,
  engage: `mutation($input: EngageInProjectInput!) { engageInProject(input: $input) { ${payloadFields} } }`,
  withdraw: `mutation($input: WithdrawEngagementInput!) { withdrawEngagement(input: $input) { ${payloadFields} } }`,
  assess: `mutation($input: AssessProjectInput!) { assessProject(input: $input) { ${payloadFields} } }`,
  changeStatus: `mutation($input: ChangeProjectStatusInput!) { changeProjectStatus(input: $input) { ${payloadFields} } }`,
  answer: `mutation($input: AnswerConsolidationReviewInput!) { answerConsolidationReview(input: $input) { ${payloadFields} } }`,
  confirm: `mutation($input: ConfirmConsolidationReviewInput!) { confirmConsolidationReview(input: $input) { ${payloadFields} } }`,
  decide: `mutation($input: RecordProjectDecisionInput!) { recordProjectDecision(input: $input) { ${payloadFields} } }`,
} as const;

/** Runs a project mutation and returns its payload ({ project, userErrors }); GraphQL errors throw. */
export async function projectMutation(
  t: TestApp,
  name: keyof typeof projectMutations,
  input: Record<string, unknown>,
  token?: string,
): Promise<any> {
  const result = await t.graphql(projectMutations[name], { input }, token ?? (await t.token('COORDINATOR')));
  if (result.errors) throw Object.assign(new Error(`${name}: ${JSON.stringify(result.errors)}`), { errors: result.errors });
  return Object.values(result.data)[0];
}

function succeed(t: TestApp, name: keyof typeof projectMutations, input: Record<string, unknown>, token?: string): Promise<any> {
  return mutateOrThrow(t, projectMutations[name], { input }, 'project', token);
}

export function proposeProject(
  t: TestApp,
  promoterPartnerId: string,
  overrides: Record<string, unknown> = {},
  token?: string,
): Promise<any> {
  return succeed(t, 'propose', { name: 'Repair café', promoterPartnerId, motivation: 'Spullen langer laten meegaan', ...overrides }, token);
}

export function engage(
  t: TestApp,
  projectId: string,
  partnerId: string,
  amounts: Record<string, unknown> = {},
  token?: string,
): Promise<any> {
  return succeed(t, 'engage', { projectId, partnerId, ...amounts }, token);
}

/** Completes the intake (the promoter engaged, both assessments) and makes the project ACTIVE. */
export async function activeProject(t: TestApp, promoterPartnerId: string, overrides: Record<string, unknown> = {}): Promise<any> {
  const project = await proposeProject(t, promoterPartnerId, overrides);
  await engage(t, project.id, promoterPartnerId, { hoursPerMonth: 4 });
  await succeed(t, 'assess', { projectId: project.id, hasBusinessModel: true, fitsCommunityGoals: true });
  return succeed(t, 'changeStatus', { projectId: project.id, status: 'ACTIVE' });
}
