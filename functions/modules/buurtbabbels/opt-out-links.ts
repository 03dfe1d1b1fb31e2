import { apiPaths } from '../../shared/links/api-paths';

/**
 * The two ways out of buurtbabbel mail that every such mail offers (List-Unsubscribe, RFC 2369 and
 * 8058): the signed link to /unsubscribe and a mail to the organizer. Kept apart from the renderer
 * so that the opt-out page can name them without bundling the calendar and mail packages.
 */

/**
 * An opt-out link in a mail works for a year (an invitation may be read, or its header's one-click
 * unsubscribe used, months later); every later mail carries a fresh one, and the page of an expired
 * link says how to opt out by mail instead.
 */
export const unsubscribeValidityMs = 365 * 24 * 3600_000;

export function unsubscribeUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}${apiPaths.unsubscribe}?token=${encodeURIComponent(token)}`;
}

/**
 * The opt-out by mail (List-Unsubscribe's mailto, and the way out of an expired link): a mail to the
 * organizer, whom a coordinator reads and records with `optOutNeighbour`. No job reads that mailbox.
 */
export function unsubscribeMailto(organizerEmail: string): string {
  return `mailto:${organizerEmail}?subject=${encodeURIComponent('Afmelden buurtbabbels')}`;
}
