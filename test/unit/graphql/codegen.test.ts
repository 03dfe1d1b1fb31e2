import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../../functions/graphql/codegen';

describe('generated GraphQL types', () => {
  it('are up to date with schema/*.graphql (run `npm run codegen` after editing the SDL)', async () => {
    const files = await generate();
    for (const [name, content] of Object.entries(files)) {
      const committed = readFileSync(join(__dirname, '..', '..', '..', 'functions', 'graphql', 'generated', name), 'utf8');
      expect({ name, upToDate: committed === content }).toEqual({ name, upToDate: true });
    }
  });
});
