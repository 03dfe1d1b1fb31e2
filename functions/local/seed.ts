import { DateTime } from 'luxon';
import { signDevToken } from '../shared/auth/dev-tokens';
import { ensureDevSecrets, localEnvironment } from './dev-secrets';
import { buildLambdaEvent, type LambdaHttpHandler } from './http-adapter';
import { readLocalStackState } from './local-stack-state';
import { LOCAL_TIME_ZONE } from '../shared/time-zone';

/**
 * A demo network for trying the API locally: Schakel vzw, a few partners from around Ghent, the
 * next network meeting, two projects (one ACTIVE, one still in intake), and a few neighbours with an upcoming buurtbabbel. It goes through the public GraphQL API as a coordinator would, so the data
 * is exactly what the API itself makes, and a seed that breaks points at an API change.
 * All names and addresses are made up (example.be).
 */
export interface GraphqlResponse {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string }>;
}

export type GraphqlCall = (query: string, variables?: Record<string, unknown>) => Promise<GraphqlResponse>;

interface DemoPartner {
  name: string;
  kind: 'NONPROFIT' | 'FREELANCER' | 'COMPANY' | 'SPIN_OFF';
  email: string;
  capacity?: { hoursPerMonth?: number; eurosPerYear?: number };
  representatives: Array<{ name: string; email: string }>;
  competences: string[];
}

export const demoPartners: readonly DemoPartner[] = [
  {
    name: 'Schakel vzw',
    kind: 'NONPROFIT',
    email: 'info@schakel.example.be',
    capacity: { hoursPerMonth: 40 },
    representatives: [{ name: 'Griet Vermeulen', email: 'griet@schakel.example.be' }],
    competences: ['coördinatie', 'gemeenschapsopbouw', 'teksten schrijven'],
  },
  {
    name: 'Atelier Ledeberg',
    kind: 'COMPANY',
    email: 'hallo@atelierledeberg.example.be',
    capacity: { hoursPerMonth: 8, eurosPerYear: 1500 },
    representatives: [{ name: 'Pieter De Clercq', email: 'pieter@atelierledeberg.example.be' }],
    competences: ['houtbewerking', 'meubels op maat'],
  },
  {
    name: 'Fien Claeys Grafisch Ontwerp',
    kind: 'FREELANCER',
    email: 'fien@claeysontwerp.example.be',
    capacity: { hoursPerMonth: 6 },
    representatives: [{ name: 'Fien Claeys', email: 'fien@claeysontwerp.example.be' }],
    competences: ['grafisch ontwerp', 'communicatie'],
  },
  {
    name: 'Koffiebranderij Sint-Pieters',
    kind: 'COMPANY',
    email: 'info@koffiesintpieters.example.be',
    capacity: { hoursPerMonth: 4, eurosPerYear: 800 },
    representatives: [
      { name: 'Mehmet Yilmaz', email: 'mehmet@koffiesintpieters.example.be' },
      { name: 'Lotte Van Damme', email: 'lotte@koffiesintpieters.example.be' },
    ],
    competences: ['horeca', 'buurtevenementen'],
  },
  {
    name: 'Jonas Martens Procesbegeleiding',
    kind: 'FREELANCER',
    email: 'jonas@martensbegeleiding.example.be',
    capacity: { hoursPerMonth: 10 },
    representatives: [{ name: 'Jonas Martens', email: 'jonas@martensbegeleiding.example.be' }],
    competences: ['procesbegeleiding', 'matrixmethode', 'facilitatie'],
  },
];

interface DemoNeighbour {
  businessName: string;
  contactName?: string;
  email: string;
  street: string;
  source: string;
  consentBasis?: 'CONSENT' | 'LEGITIMATE_INTEREST';
  /** Asked not to be invited again: shows what an opted-out contact looks like. */
  optedOut?: true;
}

/** Entrepreneurs around the Sint-Pietersaalststraat who are not partners (made up, example.be). */
export const demoNeighbours: readonly DemoNeighbour[] = [
  {
    businessName: 'Bloemenwinkel De Pioen',
    contactName: 'Sara Goossens',
    email: 'sara@depioen.example.be',
    street: 'Sint-Pietersaalststraat 12',
    source: 'Langsgegaan in de winkel',
    consentBasis: 'CONSENT',
  },
  {
    businessName: 'Fietsherstel Velo Gent',
    contactName: 'Karim El Amrani',
    email: 'karim@velogent.example.be',
    street: 'Sint-Pietersaalststraat 27',
    source: 'Buurtfeest Sint-Pieters',
  },
  {
    businessName: 'Boekhandel Het Leesteken',
    contactName: 'An Desmet',
    email: 'an@leesteken.example.be',
    street: 'Sint-Pietersaalststraat 40',
    source: 'Via Koffiebranderij Sint-Pieters',
  },
  {
    businessName: 'Kapsalon Knip',
    email: 'hallo@kapsalonknip.example.be',
    street: 'Sint-Pietersaalststraat 5',
    source: 'Flyer in de bus',
    optedOut: true,
  },
];

/** The partner who hosts the demo buurtbabbel. */
const demoBuurtbabbelHost = 'Koffiebranderij Sint-Pieters';

const partnersQuery = /* GraphQL */ `
  query SeedPartners {
    partners(first: 1) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const createPartnerMutation = /* GraphQL */ `
  mutation SeedCreatePartner($input: CreatePartnerInput!) {
    createPartner(input: $input) {
      partner {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const scheduleMeetingMutation = /* GraphQL */ `
  mutation SeedScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      meeting {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const proposeProjectMutation = /* GraphQL */ `
  mutation SeedProposeProject($input: ProposeProjectInput!) {
    proposeProject(input: $input) {
      project {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const engageMutation = /* GraphQL */ `
  mutation SeedEngage($input: EngageInProjectInput!) {
    engageInProject(input: $input) {
      project {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const assessProjectMutation = /* GraphQL */ `
  mutation SeedAssessProject($input: AssessProjectInput!) {
    assessProject(input: $input) {
      project {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const changeProjectStatusMutation = /* GraphQL */ `
  mutation SeedChangeProjectStatus($input: ChangeProjectStatusInput!) {
    changeProjectStatus(input: $input) {
      project {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const addAgendaItemMutation = /* GraphQL */ `
  mutation SeedAddAgendaItem($input: AddAgendaItemInput!) {
    addAgendaItem(input: $input) {
      meeting {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

interface DemoProject {
  name: string;
  description: string;
  /** Names of demo partners. */
  promoter: string;
  motivation: string;
  engagements: Array<{ partner: string; hoursPerMonth?: number; euros?: number; energyNote?: string }>;
  /** The intake's two assessments; a project without them stays PROPOSED. */
  assessment?: { hasBusinessModel: boolean; businessModelNote: string; fitsCommunityGoals: boolean; communityGoalsNote: string };
  /** A point on the next meeting's agenda about this project. */
  agendaItem?: string;
}

/**
 * An ACTIVE project with engagements (its first consolidation review three months on), and a
 * proposal still in intake. Atelier Ledeberg commits more hours than it said it can give, so the
 * over-capacity flags have something to show.
 */
export const demoProjects: readonly DemoProject[] = [
  {
    name: 'Repair café Sint-Pieters',
    description: 'Elke eerste zaterdag van de maand herstellen buren samen fietsen, kleren, lampen en kleine toestellen.',
    promoter: 'Atelier Ledeberg',
    motivation: 'Spullen langer laten meegaan en buren en ondernemers samenbrengen rond herstellen.',
    engagements: [
      { partner: 'Atelier Ledeberg', hoursPerMonth: 4, euros: 300, energyNote: 'Gereedschap en de werkplaats op zaterdag' },
      { partner: 'Koffiebranderij Sint-Pieters', hoursPerMonth: 2, energyNote: 'Koffie voor de bezoekers' },
      { partner: 'Schakel vzw', hoursPerMonth: 3, energyNote: 'Uitnodigingen en contact met de buurt' },
    ],
    assessment: {
      hasBusinessModel: true,
      businessModelNote: 'Vrije bijdrage van de bezoekers en een kleine vergoeding per herstelling.',
      fitsCommunityGoals: true,
      communityGoalsNote: 'Buren leren van elkaar en leren de ondernemers uit de straat kennen.',
    },
  },
  {
    name: 'Matrixavonden',
    description: 'Avonden waarop partners en buren met de methodiek van de matrix samen nieuwe ideeën uitwerken.',
    promoter: 'Jonas Martens Procesbegeleiding',
    motivation: 'Ideeën die energie krijgen, kunnen projecten van de Locon worden.',
    engagements: [
      { partner: 'Jonas Martens Procesbegeleiding', hoursPerMonth: 4, energyNote: 'Begeleidt de eerste drie avonden' },
      { partner: 'Atelier Ledeberg', hoursPerMonth: 5, energyNote: 'Maakt de tafels en panelen' },
    ],
    agendaItem: 'Intake Matrixavonden: businessmodel en doelen bespreken',
  },
];

const addNeighbourMutation = /* GraphQL */ `
  mutation SeedAddNeighbour($input: AddNeighbourInput!) {
    addNeighbour(input: $input) {
      neighbourId
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const optOutNeighbourMutation = /* GraphQL */ `
  mutation SeedOptOutNeighbour($id: ID!) {
    optOutNeighbour(id: $id) {
      neighbourId
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const scheduleBuurtbabbelMutation = /* GraphQL */ `
  mutation SeedScheduleBuurtbabbel($input: ScheduleBuurtbabbelInput!) {
    scheduleBuurtbabbel(input: $input) {
      buurtbabbel {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

interface MutationPayload {
  userErrors?: Array<{ field?: string[] | string | null; message: string; code?: string }>;
  [key: string]: unknown;
}

async function call(graphql: GraphqlCall, query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await graphql(query, variables);
  if (response.errors?.length) throw new Error(`GraphQL error: ${response.errors.map((e) => e.message).join('; ')}`);
  if (!response.data) throw new Error('GraphQL answered without data');
  return response.data;
}

function payloadOf(data: Record<string, unknown>, field: string): MutationPayload {
  const payload = data[field] as MutationPayload | undefined;
  if (!payload) throw new Error(`${field} returned nothing`);
  if (payload.userErrors?.length) {
    throw new Error(`${field} refused: ${payload.userErrors.map((e) => `${e.code ?? ''} ${e.message}`.trim()).join('; ')}`);
  }
  return payload;
}

/** Two hours, `days` ahead, starting at hour:minute Brussels time. */
function twoHoursAhead(now: Date, days: number, hour: number, minute: number): { startsAt: string; endsAt: string } {
  const start = DateTime.fromJSDate(now, { zone: LOCAL_TIME_ZONE }).plus({ days }).set({ hour, minute, second: 0, millisecond: 0 });
  return {
    startsAt: start.toISO({ suppressMilliseconds: true })!,
    endsAt: start.plus({ hours: 2 }).toISO({ suppressMilliseconds: true })!,
  };
}

/** The next meeting: about ten days ahead, 19:30–21:30 Brussels time. */
export function demoMeetingTimes(now: Date): { startsAt: string; endsAt: string } {
  return twoHoursAhead(now, 10, 19, 30);
}

/**
 * The demo buurtbabbel: twelve days ahead, 17:30–19:30 Brussels time (after closing time), so its
 * invitations (14 days before, the default) go out at the job's next run and show in the local outbox.
 */
export function demoBuurtbabbelTimes(now: Date): { startsAt: string; endsAt: string } {
  return twoHoursAhead(now, 12, 17, 30);
}

export interface SeedResult {
  skipped: boolean;
  partners: number;
  meetingId?: string;
  projects?: number;
  neighbours?: number;
  buurtbabbelId?: string;
}

/** A few neighbours (one opted out) and one upcoming buurtbabbel, hosted by a demo partner. */
export async function seedDemoBuurtbabbel(
  graphql: GraphqlCall,
  now: Date,
  hostPartnerId: string | undefined,
): Promise<{ neighbours: number; buurtbabbelId: string }> {
  for (const { optedOut, ...input } of demoNeighbours) {
    const added = payloadOf(await call(graphql, addNeighbourMutation, { input }), 'addNeighbour');
    if (optedOut) payloadOf(await call(graphql, optOutNeighbourMutation, { id: added.neighbourId }), 'optOutNeighbour');
  }
  const buurtbabbel = payloadOf(
    await call(graphql, scheduleBuurtbabbelMutation, {
      input: {
        ...demoBuurtbabbelTimes(now),
        location: `${demoBuurtbabbelHost}, Sint-Pietersaalststraat, Gent`,
        ...(hostPartnerId ? { hostPartnerId } : {}),
        maxGuests: 15,
      },
    }),
    'scheduleBuurtbabbel',
  );
  return { neighbours: demoNeighbours.length, buurtbabbelId: (buurtbabbel.buurtbabbel as { id: string }).id };
}

/** Creates the demo network, unless there are partners already (then it leaves the data alone). */
export async function seedDemoNetwork(graphql: GraphqlCall, now: Date = new Date()): Promise<SeedResult> {
  const existing = await call(graphql, partnersQuery);
  const edges = (existing.partners as { edges?: unknown[] } | undefined)?.edges ?? [];
  if (edges.length > 0) return { skipped: true, partners: 0 };

  const partnerIds: string[] = [];
  for (const partner of demoPartners) {
    const payload = payloadOf(await call(graphql, createPartnerMutation, { input: partner }), 'createPartner');
    partnerIds.push((payload.partner as { id: string }).id);
  }

  const meeting = payloadOf(
    await call(graphql, scheduleMeetingMutation, {
      input: {
        title: 'Overleg Locon De Stek',
        ...demoMeetingTimes(now),
        location: 'Buurthuis, Sint-Pietersaalststraat, Gent',
        themes: ['Buurtbabbel van het voorjaar', 'Nieuwe projecten', 'Open space'],
        inviteePartnerIds: partnerIds,
      },
    }),
    'scheduleMeeting',
  );
  const meetingId = (meeting.meeting as { id: string }).id;
  const partnerIdsByName = new Map(demoPartners.map((partner, index) => [partner.name, partnerIds[index]]));
  const projectIds = await seedDemoProjects(graphql, partnerIdsByName, meetingId);
  const buurtbabbel = await seedDemoBuurtbabbel(graphql, now, partnerIdsByName.get(demoBuurtbabbelHost));
  return { skipped: false, partners: partnerIds.length, meetingId, projects: projectIds.length, ...buurtbabbel };
}
/** The demo projects, through the API as the meeting would record them; returns their ids. */
export async function seedDemoProjects(
  graphql: GraphqlCall,
  partnerIdsByName: ReadonlyMap<string, string>,
  meetingId: string,
): Promise<string[]> {
  const partnerId = (name: string) => {
    const id = partnerIdsByName.get(name);
    if (!id) throw new Error(`demo project names an unknown demo partner: ${name}`);
    return id;
  };
  const projectIds: string[] = [];
  for (const project of demoProjects) {
    const proposed = payloadOf(
      await call(graphql, proposeProjectMutation, {
        input: {
          name: project.name,
          description: project.description,
          promoterPartnerId: partnerId(project.promoter),
          motivation: project.motivation,
          // A project with its own agenda point starts as an idea: the coordinator's point comes first,
          // and the proposal then finds the project on the agenda and adds no automatic item beside it.
          ...(project.agendaItem ? { status: 'IDEA' } : {}),
        },
      }),
      'proposeProject',
    );
    const projectId = (proposed.project as { id: string }).id;
    if (project.agendaItem) {
      payloadOf(
        await call(graphql, addAgendaItemMutation, { input: { meetingId, title: project.agendaItem, projectId } }),
        'addAgendaItem',
      );
      payloadOf(await call(graphql, changeProjectStatusMutation, { input: { projectId, status: 'PROPOSED' } }), 'changeProjectStatus');
    }
    for (const { partner, ...amounts } of project.engagements) {
      payloadOf(
        await call(graphql, engageMutation, { input: { projectId, partnerId: partnerId(partner), ...amounts } }),
        'engageInProject',
      );
    }
    if (project.assessment) {
      payloadOf(await call(graphql, assessProjectMutation, { input: { projectId, ...project.assessment } }), 'assessProject');
      payloadOf(await call(graphql, changeProjectStatusMutation, { input: { projectId, status: 'ACTIVE' } }), 'changeProjectStatus');
    }
    projectIds.push(projectId);
  }
  return projectIds;
}

/** GraphQL through the Lambda handler itself, with the API Gateway event a real request would make. */
export function graphqlViaHandler(handler: LambdaHttpHandler, token: string, host = 'localhost'): GraphqlCall {
  return async (query, variables) => {
    const event = buildLambdaEvent({
      method: 'POST',
      url: '/graphql',
      headers: { host, 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: Buffer.from(JSON.stringify({ query, variables })),
    });
    const result = await handler(event);
    const body = result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64').toString('utf8') : (result.body ?? '');
    try {
      return JSON.parse(body) as GraphqlResponse;
    } catch {
      throw new Error(`/graphql answered ${result.statusCode ?? 200} with a body that is not JSON`);
    }
  };
}

/** GraphQL over HTTP, for seeding a stack that runs in another process. */
export function graphqlViaHttp(url: string, token: string): GraphqlCall {
  return async (query, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlResponse;
  };
}

export const seedCoordinatorEmail = 'coordinator@schakel.example.be';

export function seedToken(devJwtSecret: string): Promise<string> {
  return signDevToken(devJwtSecret, { email: seedCoordinatorEmail, role: 'COORDINATOR' });
}

/** `npx tsx functions/local/seed.ts`: seeds the stack that `npm start` is running. */
async function main(): Promise<void> {
  const state = readLocalStackState();
  if (!state?.url) throw new Error('No running local stack found; start one with `npm start` (or `npm start -- --seed`).');
  const env = localEnvironment({ secrets: ensureDevSecrets(), dynamodbEndpoint: state.dynamodbEndpoint });
  const result = await seedDemoNetwork(graphqlViaHttp(`${state.url}/graphql`, await seedToken(env.DEV_JWT_SECRET)));
  console.log(JSON.stringify(result));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
