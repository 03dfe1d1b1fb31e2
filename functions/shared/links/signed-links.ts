import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

/**
 * Tokens carried by links in emails: HS256 JWTs signed with LINK_SIGNING_SECRET, bound to one
 * purpose and expiring. A link only identifies; the page it opens changes something only on POST.
 */
export type LinkPurpose =
  | 'rsvp'
  /** A neighbour's answer to a buurtbabbel invitation: claims buurtbabbelId, neighbourId. */
  | 'buurtbabbel-answer'
  /** A neighbour's opt-out from buurtbabbel invitations: claims neighbourId. */
  | 'unsubscribe'
  /** A promoter's answer to a consolidation review: claims projectId, reviewNumber. */
  | 'consolidation-review'
  /** A guest's place in a matrix session: claims sessionId, guestId, name. */
  | 'matrix-guest'
  /** The heat map of a matrix session: claims sessionId. */
  | 'matrix-heat-map';

export class LinkTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'Deze link is verlopen.' : 'Deze link is ongeldig.');
    this.name = 'LinkTokenError';
  }
}

const issuer = 'destek-links';

export async function signLinkToken(
  secret: string,
  purpose: LinkPurpose,
  claims: Record<string, string>,
  expiresAt: Date,
  now: Date,
): Promise<string> {
  return new SignJWT({ ...claims, purpose })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(new TextEncoder().encode(secret));
}

export async function verifyLinkToken(secret: string, purpose: LinkPurpose, token: string, now: Date): Promise<Record<string, string>> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { issuer, algorithms: ['HS256'], currentDate: now });
    if (payload.purpose !== purpose) throw new LinkTokenError('invalid');
    const claims: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) if (typeof value === 'string') claims[name] = value;
    return claims;
  } catch (error) {
    if (error instanceof LinkTokenError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new LinkTokenError('expired');
    throw new LinkTokenError('invalid');
  }
}
