import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildASTSchema, concatAST, parse, type GraphQLSchema } from 'graphql';

/** The SDL files in schema/: base.graphql first, then the modules in name order. */
export const schemaDir = join(__dirname, '..', '..', 'schema');

export interface SchemaSource {
  name: string;
  sdl: string;
}

export function readSchemaSources(dir: string = schemaDir): SchemaSource[] {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return names.map((name) => ({ name, sdl: readFileSync(join(dir, name), 'utf8') }));
}

export function buildSchemaFromFiles(sources: SchemaSource[] = readSchemaSources()): GraphQLSchema {
  return buildASTSchema(concatAST(sources.map((source) => parse(source.sdl))));
}
