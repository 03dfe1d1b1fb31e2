import { join, resolve } from 'node:path';

/**
 * Where the local stack keeps its files. Resolved from this file rather than the working
 * directory, so `npm start`, `npm run job` and `npm run token` agree wherever they are started.
 */
export const projectRoot = resolve(__dirname, '..', '..');

/** `.data/` at the project root (git-ignored): secrets, DynamoDB Local's file, the mail outbox. */
export const defaultDataDir = join(projectRoot, '.data');
