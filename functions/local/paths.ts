import { join, resolve } from 'node:path';

/**
 * Where the local stack keeps its files. Resolved from this file rather than the working
 * directory, so `npm start`, `npm run job` and `npm run token` agree wherever they are started.
 */
export const projectRoot = resolve(__dirname, '..', '..');

/**
 * `.data/` at the project root (git-ignored): secrets, DynamoDB Local's file, the mail outbox.
 * DATA_DIR moves it, e.g. to run a second, throw-away stack (the end-to-end test does).
 */
export const defaultDataDir = process.env.DATA_DIR ? resolve(process.env.DATA_DIR) : join(projectRoot, '.data');
