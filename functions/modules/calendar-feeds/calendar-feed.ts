import { languageOr, type Language } from '../../shared/i18n/language';
import { recipientKey } from '../../shared/recipient-key';
import { invitationRecipients, isActivePartner, type PartnerRecord } from '../partners/partner';

/** Who a personal calendar feed belongs to. Only the token's hash is stored, never the token. */
export interface CalendarFeedOwner {
  viewerId: string;
  role: 'COORDINATOR' | 'PARTNER';
  partnerId?: string;
  /** The hash of the owner's address (recipientKey): checked against the partner's people at every fetch. */
  addressKey?: string;
  createdAt: string;
  /** The last day the feed was fetched (recorded at most once a day). */
  lastUsedAt?: string;
}

/** A feed nobody fetched for this long stops working (docs/security.md, T7). */
export const feedUnusedDays = 365;

const dayMs = 86_400_000;

/**
 * Whether a feed may be served now: EXPIRED when unused for a year; REFUSED when its owner is no
 * longer what they were when they made it (the partner archived or gone, the person no longer
 * among its representatives or its contact address). The role is the one the token carried when
 * the feed was made; a partner member's role is re-checked against the table at every fetch.
 */
export function feedAccess(owner: CalendarFeedOwner, partner: PartnerRecord | undefined, now: Date): 'OK' | 'EXPIRED' | 'REFUSED' {
  const lastUse = new Date(owner.lastUsedAt ?? owner.createdAt).getTime();
  if (now.getTime() - lastUse > feedUnusedDays * dayMs) return 'EXPIRED';
  if (owner.role === 'COORDINATOR') return 'OK';
  if (!owner.partnerId || !owner.addressKey || !partner || !isActivePartner(partner)) return 'REFUSED';
  const people = [partner.email, ...invitationRecipients(partner).map((person) => person.email)].map(recipientKey);
  return people.includes(owner.addressKey) ? 'OK' : 'REFUSED';
}

/**
 * The language the feed's own words are in: the owner's, when they are one of the partner's
 * representatives (found by the hash of their address); Dutch for a coordinator and a partner's
 * contact address, who have no language of their own.
 */
export function feedLanguage(owner: CalendarFeedOwner, partner: PartnerRecord | undefined): Language {
  const representative = partner?.representatives.find((rep) => recipientKey(rep.email) === owner.addressKey);
  return languageOr(representative?.language);
}

/** Whether this fetch must record the day of use: the first fetch of each day (UTC) writes, others only read. */
export function needsUseRecorded(owner: CalendarFeedOwner, now: Date): boolean {
  return (owner.lastUsedAt ?? '').slice(0, 10) !== now.toISOString().slice(0, 10);
}
