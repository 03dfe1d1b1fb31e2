/**
 * The benches measure the code as Lambda runs it: the deployed bundle has `process.env.NODE_ENV`
 * defined as "production" (infra/bundling.ts), and graphql-js and Apollo decide at load time
 * whether to do their development-only checks (graphql's `instanceOf` across realms, Apollo's
 * defaults). So this module sets it and must be the first import of run.ts, before anything loads
 * graphql; a bench started otherwise would measure development mode.
 */
// BENCH_NODE_ENV=development measures what production mode saves (docs/performance.md).
process.env.NODE_ENV = process.env.BENCH_NODE_ENV ?? 'production';

export {};
