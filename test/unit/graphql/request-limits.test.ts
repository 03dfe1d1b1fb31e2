import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { typeDefs } from '../../../functions/graphql/generated/type-defs';
import { parseOptions, requestLimitRules, requestLimits } from '../../../functions/graphql/limits/request-limits';
import { RequestLimitError } from '../../../functions/graphql/limits/request-limit-error';
import * as fixtures from '../../support/fixtures';

const schema = buildSchema(typeDefs);
const testRoot = join(__dirname, '..', '..');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every GraphQL document the tests (and the benchmark) send: template literals starting with query, mutation or {. */
function realQueries(): { file: string; query: string }[] {
  const found: { file: string; query: string }[] = [];
  // The hostile queries of the limits' own test are not real ones.
  for (const file of filesUnder(testRoot).filter((path) => !path.endsWith('request-limits.test.ts'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/`(\s*(?:query|mutation|\{)[^`]*)`/g)) {
      const query = match[1].replace(/\$\{(\w+)\}/g, (_, name: string) => (fixtures as Record<string, unknown>)[name]?.toString() ?? 'id');
      if (query.includes('${') || query.includes('{{')) continue;
      try {
        parse(query);
        found.push({ file: file.slice(testRoot.length + 1), query });
      } catch {
        // not GraphQL (an iCalendar placeholder, a JSON body)
      }
    }
  }
  return found;
}

describe('request limits chosen from the real queries', () => {
  const queries = realQueries();

  it('finds the queries the tests send', () => {
    expect(queries.length).toBeGreaterThan(150);
  });

  it('lets every real query through', () => {
    const refused = queries.flatMap(({ file, query }) => {
      const errors = validate(schema, parse(query, parseOptions), requestLimitRules());
      return errors.filter((error) => error instanceof RequestLimitError).map((error) => `${file}: ${error.message}`);
    });
    expect(refused).toEqual([]);
  });

  it('refuses the largest of them under tighter limits (the measures count what they should)', () => {
    const tight = { ...requestLimits, depth: 5, cost: { ...requestLimits.cost, maxCost: 400 } };
    const measures = new Set(
      queries.flatMap(({ query }) =>
        validate(schema, parse(query), requestLimitRules(tight))
          .filter((error): error is RequestLimitError => error instanceof RequestLimitError)
          .map((error) => error.measure),
      ),
    );
    expect([...measures].sort()).toEqual(['cost', 'depth']);
  });
});
