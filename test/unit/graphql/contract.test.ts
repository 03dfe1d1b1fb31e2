import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { buildSchemaFromFiles } from '../../../functions/graphql/schema-files';

/**
 * The schema must be a compatible superset of the public mobile contract (shared/contract). Parts
 * of the contract that later issues build are listed here by name; each such issue takes its
 * entries off the list. A listed part that exists is an error too, so the list cannot go stale.
 */
const notYetBuilt: { path: string; builtBy: string }[] = [];

/**
 * The contract lives in the workspace beside this repository (../shared/contract); a copy is kept
 * in test/contract so the suite also runs in a lone clone. Where the original is present the copy
 * must equal it, so the two cannot drift.
 */
const sharedContractPath = join(__dirname, '..', '..', '..', '..', 'shared', 'contract', 'mobile.graphql');
const pinnedContractPath = join(__dirname, '..', '..', 'contract', 'mobile.graphql');
const contractPath = existsSync(sharedContractPath) ? sharedContractPath : pinnedContractPath;

function isNotYetBuilt(path: string | undefined): boolean {
  if (!path) return false;
  return notYetBuilt.some((entry) => path === entry.path || path.startsWith(`${entry.path}.`));
}

describe('public contract (shared/contract/mobile.graphql)', () => {
  const contract = buildSchema(readFileSync(contractPath, 'utf8'));
  const schema = buildSchemaFromFiles();

  it('has no breaking change against our schema outside the parts not yet built', async () => {
    const changes = await diff(contract, schema);
    const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
    const unexpected = breaking.filter((change) => !isNotYetBuilt(change.path));
    expect(unexpected.map((change) => `${change.path}: ${change.message}`)).toEqual([]);
  });

  it('still misses every part on the not-yet-built list (take a part off once it is built)', () => {
    const present = notYetBuilt.filter(({ path }) => {
      const [typeName, fieldName] = path.split('.');
      const type = schema.getType(typeName);
      if (!type) return false;
      if (!fieldName) return true;
      return 'getFields' in type && fieldName in (type.getFields() as Record<string, unknown>);
    });
    expect(present.map((entry) => entry.path)).toEqual([]);
  });

  it('keeps its copy of the contract (test/contract) equal to the shared one, where that is present', () => {
    const pinned = readFileSync(pinnedContractPath, 'utf8');
    expect(pinned).toContain('type Meeting');
    if (existsSync(sharedContractPath)) expect(pinned).toBe(readFileSync(sharedContractPath, 'utf8'));
  });

  it('detects a breaking change: a contract field that our schema retypes', async () => {
    const broken = buildSchema(readFileSync(contractPath, 'utf8').replace('title: String!\n  startsAt', 'title: Int!\n  startsAt'));
    const changes = await diff(contract, broken);
    expect(changes.some((c) => c.criticality.level === CriticalityLevel.Breaking && c.path === 'Meeting.title')).toBe(true);
  });
});
