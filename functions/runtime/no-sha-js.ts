import { createHash, type Hash } from 'node:crypto';

/**
 * Stands in for `sha.js` in the bundles (aliased in infra/bundling.ts). Apollo hashes (document
 * cache keys) with Node's crypto when it can reach it through `module.require`, which a bundle does
 * not offer, so it falls back on sha.js, a pure-JS hash with typed-array polyfills (about 35 KB).
 * Here that fallback is Node's crypto after all: same digests, less code.
 */
export = function shaJs(algorithm: string): Hash {
  return createHash(algorithm);
};
