import { jwtVerify, SignJWT } from 'jose';
import type { Role, Viewer } from './viewer';
import { roles } from './viewer';

/**
 * Development tokens: HS256 JWTs signed with the local development key (DEV_JWT_SECRET). The
 * configuration refuses that key outside STAGE=local, so these tokens are worthless in AWS, where
 * Cognito issues the tokens.
 */
const issuer = 'destek-local-dev';
const audience = 'destek-api';

export interface DevTokenRequest {
  email: string;
  role: Role;
  partnerId?: string;
  /** Lifetime in seconds; 12 hours by default. */
  ttlSeconds?: number;
}

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signDevToken(secret: string, request: DevTokenRequest, now: Date = new Date()): Promise<string> {
  if (!roles.includes(request.role)) throw new Error(`Unknown role ${request.role}; use COORDINATOR or PARTNER`);
  if (request.role === 'PARTNER' && !request.partnerId) throw new Error('A PARTNER token needs --partner <partner id>');
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({
    email: request.email.toLowerCase(),
    role: request.role,
    ...(request.partnerId ? { partnerId: request.partnerId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.email.toLowerCase())
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (request.ttlSeconds ?? 12 * 3600))
    .sign(key(secret));
}

/** Returns the viewer of a valid development token; throws on any invalid one. */
export async function verifyDevToken(secret: string, token: string, now: Date = new Date()): Promise<Viewer> {
  const { payload } = await jwtVerify(token, key(secret), {
    issuer,
    audience,
    algorithms: ['HS256'],
    currentDate: now,
  });
  const role = payload.role;
  if (role !== 'COORDINATOR' && role !== 'PARTNER') throw new Error('token has no valid role');
  if (typeof payload.email !== 'string' || typeof payload.sub !== 'string') throw new Error('token has no email');
  const partnerId = typeof payload.partnerId === 'string' ? payload.partnerId : undefined;
  if (role === 'PARTNER' && !partnerId) throw new Error('partner token without partnerId');
  return { id: payload.sub, email: payload.email, role, partnerId };
}
