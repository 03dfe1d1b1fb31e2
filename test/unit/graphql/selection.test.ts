import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selectsField } from '../../../functions/graphql/selection';

const schema = buildSchema(`
  type Partner { name: String }
  type Invitation { response: String, partner: Partner, meeting: Meeting }
  type Meeting { invitations: [Invitation] }
  type Query { meeting: Meeting }
`);

/** What selectsField(info, 'partner') says inside Meeting.invitations for a query. */
async function asksForPartner(query: string): Promise<boolean> {
  let answer: boolean | undefined;
  const meetingType = schema.getType('Meeting') as unknown as { getFields(): Record<string, { resolve?: unknown }> };
  meetingType.getFields().invitations.resolve = (_parent: unknown, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    answer ??= selectsField(info, 'partner');
    return [];
  };
  const result = await graphql({ schema, source: query, rootValue: { meeting: { invitations: [] } } });
  expect(result.errors).toBeUndefined();
  return answer!;
}

describe('selectsField', () => {
  it('sees the field asked directly, in an inline fragment and in a named fragment', async () => {
    expect(await asksForPartner('{ meeting { invitations { response partner { name } } } }')).toBe(true);
    expect(await asksForPartner('{ meeting { invitations { ... on Invitation { partner { name } } } } }')).toBe(true);
    expect(
      await asksForPartner('{ meeting { invitations { ...withPartner } } } fragment withPartner on Invitation { partner { name } }'),
    ).toBe(true);
  });

  it('does not see it when it is not asked, or only deeper down', async () => {
    expect(await asksForPartner('{ meeting { invitations { response } } }')).toBe(false);
    expect(await asksForPartner('{ meeting { invitations { meeting { invitations { partner { name } } } } } }')).toBe(false);
    expect(await asksForPartner('{ meeting { invitations { ...plain } } } fragment plain on Invitation { response }')).toBe(false);
  });
});
