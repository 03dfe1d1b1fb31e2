import type { Viewer } from './viewer';

/** Checks a bearer token and says whose it is; rejects a bad, expired or unverifiable one. */
export type TokenVerifier = (token: string) => Promise<Viewer>;
