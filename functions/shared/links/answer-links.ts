import { signLinkToken, type LinkPurpose } from './signed-links';

/** Answer links of an event stay valid until a day after it ends (or a day from now, if later). */
const answerGraceMs = 24 * 3600_000;

/**
 * The answer links of an invitation to an event: one per possible answer, to `path`, sharing one
 * signed token. The token holds ids only: whoever holds a link can read it, and it may land in
 * access logs.
 */
export async function eventAnswerLinks<K extends string>(
  settings: { publicBaseUrl: string; linkSigningSecret: string },
  link: { path: string; purpose: LinkPurpose; claims: Record<string, string>; eventEndsAt: Date },
  answers: Record<K, string>,
  now: Date,
): Promise<Record<K, string>> {
  const expiresAt = new Date(Math.max(link.eventEndsAt.getTime(), now.getTime()) + answerGraceMs);
  const token = await signLinkToken(settings.linkSigningSecret, link.purpose, link.claims, expiresAt, now);
  const base = `${settings.publicBaseUrl}${link.path}?token=${encodeURIComponent(token)}&answer=`;
  return Object.fromEntries(Object.entries<string>(answers).map(([key, answer]) => [key, base + answer])) as Record<K, string>;
}
