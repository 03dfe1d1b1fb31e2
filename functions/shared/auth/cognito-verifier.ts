import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { TokenVerifier } from './token-verifier';
import type { Viewer } from './viewer';

export interface CognitoSettings {
  userPoolId: string;
  /** The app client the mobile app signs in with; tokens of other clients are refused. */
  clientId: string;
}

/** The Cognito attribute that ties a PARTNER user to the partner it represents. */
export const partnerIdAttribute = 'custom:partnerId';

type IdTokenVerifier = { verify(token: string): Promise<Record<string, unknown>> };

export function cognitoIdTokenVerifier(settings: CognitoSettings) {
  return CognitoJwtVerifier.create({ userPoolId: settings.userPoolId, clientId: settings.clientId, tokenUse: 'id' });
}

/**
 * Verifies Cognito ID tokens (signature against the pool's JWKS, fetched once and cached; issuer,
 * audience, expiry, token_use) and maps them to a Viewer: the `cognito:groups` claim gives the
 * role (COORDINATOR wins over PARTNER), `custom:partnerId` the partner. ID tokens, not access
 * tokens, because only they carry the email and custom attributes.
 */
export function createCognitoVerifier(
  settings: CognitoSettings,
  verifier: IdTokenVerifier = cognitoIdTokenVerifier(settings),
): TokenVerifier {
  return async (token) => {
    const claims = await verifier.verify(token);
    return viewerOfClaims(claims);
  };
}

export function viewerOfClaims(claims: Record<string, unknown>): Viewer {
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  const email = claims.email;
  const sub = claims.sub;
  if (typeof email !== 'string' || typeof sub !== 'string') throw new Error('token without email or subject');
  const partnerAttribute = claims[partnerIdAttribute];
  const partnerId = typeof partnerAttribute === 'string' && partnerAttribute !== '' ? partnerAttribute : undefined;
  if (groups.includes('COORDINATOR')) return { id: sub, email: email.toLowerCase(), role: 'COORDINATOR', partnerId };
  if (groups.includes('PARTNER')) {
    if (!partnerId) throw new Error(`PARTNER user without ${partnerIdAttribute}`);
    return { id: sub, email: email.toLowerCase(), role: 'PARTNER', partnerId };
  }
  throw new Error('user in neither the COORDINATOR nor the PARTNER group');
}
