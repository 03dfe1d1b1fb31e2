import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { LambdaHttpHandler } from '../../../functions/local/http-adapter';

/**
 * A stand-in for the API's Lambda handler: answers the seed's GraphQL operations the way the
 * schema says, and records every event, so the local stack can be tested before the API exists.
 */
export function fakeGraphqlApi(options: { existingPartners?: number; refuse?: string } = {}) {
  const events: APIGatewayProxyEventV2[] = [];
  const operations: Array<{ query: string; variables?: Record<string, any> }> = [];
  let nextId = 1;
  let nextProjectId = 1;
  const handler: LambdaHttpHandler = async (event) => {
    events.push(event);
    if (event.rawPath !== '/graphql')
      return { statusCode: 404, headers: { 'content-type': 'text/plain' }, body: `no route ${event.rawPath}` };
    const { query, variables } = JSON.parse(event.body ?? '{}') as { query: string; variables?: Record<string, any> };
    operations.push({ query, variables });
    const json = (data: unknown) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data }) });
    if (query.includes('partners(first: 1)')) {
      return json({ partners: { edges: Array.from({ length: options.existingPartners ?? 0 }, (_, i) => ({ node: { id: `p${i}` } })) } });
    }
    if (query.includes('createPartner')) {
      if (options.refuse === variables?.input?.name) {
        return json({
          createPartner: {
            partner: null,
            userErrors: [{ field: ['input', 'email'], message: 'Dit adres is al in gebruik', code: 'DUPLICATE' }],
          },
        });
      }
      return json({ createPartner: { partner: { id: `partner-${nextId++}` }, userErrors: [] } });
    }
    if (query.includes('scheduleMeeting')) return json({ scheduleMeeting: { meeting: { id: 'meeting-1' }, userErrors: [] } });
    if (query.includes('proposeProject'))
      return json({ proposeProject: { project: { id: `project-${nextProjectId++}` }, userErrors: [] } });
    for (const field of ['engageInProject', 'assessProject', 'changeProjectStatus']) {
      if (query.includes(field)) return json({ [field]: { project: { id: variables?.input?.projectId }, userErrors: [] } });
    }
    if (query.includes('addAgendaItem')) return json({ addAgendaItem: { meeting: { id: variables?.input?.meetingId }, userErrors: [] } });
    if (query.includes('addNeighbour')) return json({ addNeighbour: { neighbourId: `neighbour-${nextId++}`, userErrors: [] } });
    if (query.includes('optOutNeighbour')) return json({ optOutNeighbour: { neighbourId: variables?.id, userErrors: [] } });
    if (query.includes('scheduleBuurtbabbel'))
      return json({ scheduleBuurtbabbel: { buurtbabbel: { id: 'buurtbabbel-1' }, userErrors: [] } });
    return {
      statusCode: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errors: [{ message: 'unknown operation' }] }),
    };
  };
  return { handler, events, operations };
}
