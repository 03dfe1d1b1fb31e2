import type { UserErrorEntry } from '../../shared/errors';
import { checkEmail, checkText, compact, normaliseEmail } from '../../shared/validation';
import { recipientKey } from '../../shared/recipient-key';
import { languageOr, type Language } from '../../shared/i18n/language';

/**
 * A neighbourhood entrepreneur (buurtondernemer) around the Sint-Pietersaalststraat: not a partner,
 * no account; invited to buurtbabbels by email and acting only through signed links. Only what the
 * invitations need is kept (data minimisation): who, where, how we know them, and on what basis
 * they may be written to. Pure types and rules; no I/O here.
 */
export type ConsentBasis = 'CONSENT' | 'LEGITIMATE_INTEREST';

export interface NeighbourRecord {
  /** The hash of the normalised address: one address is one contact. */
  id: string;
  businessName: string;
  contactName?: string;
  email: string;
  /** Street and number. */
  street: string;
  /** How De Stek knows them, e.g. "langsgegaan in de winkel". */
  source?: string;
  consent: { basis: ConsentBasis; at: string };
  /** The language of their mails and pages; absent on contacts from before languages: Dutch. */
  language?: Language;
  /** Set when they asked not to be invited again; no job writes to them after that. */
  optedOutAt?: string;
  /** Set when the neighbour became a partner; the contact stays, with its history. */
  partnerId?: string;
  convertedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export interface NeighbourFields {
  businessName: string;
  contactName?: string | null;
  email: string;
  street: string;
  source?: string | null;
  consentBasis?: ConsentBasis | null;
  consentGivenAt?: Date | null;
  /** 'NL' or 'EN' (GraphQL), or any case; Dutch when left out. */
  language?: string | null;
}

export const consentBases: readonly ConsentBasis[] = ['CONSENT', 'LEGITIMATE_INTEREST'];

export function neighbourId(email: string): string {
  return recipientKey(normaliseEmail(email));
}

/** Problems with a neighbour's fields; `field` names the path for GraphQL, the import reuses the messages. */
export function validateNeighbourFields(input: NeighbourFields, now: Date, path: string[] = ['input']): UserErrorEntry[] {
  const errors = compact([
    checkText(input.businessName, [...path, 'businessName'], 'De naam van de zaak', 150),
    input.contactName ? checkText(input.contactName, [...path, 'contactName'], 'De naam van de contactpersoon', 120) : undefined,
    input.email.trim()
      ? checkEmail(input.email, [...path, 'email'])
      : { field: [...path, 'email'], code: 'REQUIRED', message: 'Het e-mailadres mag niet leeg zijn.' },
    checkText(input.street, [...path, 'street'], 'Het adres (straat en nummer)', 200),
    input.source ? checkText(input.source, [...path, 'source'], 'De bron (hoe we hen kennen)', 300) : undefined,
  ]);
  if (input.consentGivenAt && input.consentGivenAt.getTime() > now.getTime()) {
    errors.push({
      field: [...path, 'consentGivenAt'],
      code: 'CONSENT_IN_FUTURE',
      message: 'De datum van de toestemming kan niet in de toekomst liggen.',
    });
  }
  return errors;
}

/**
 * A new contact from valid fields. Without a stated basis the coordinator relies on legitimate
 * interest (a neighbouring business invited to a neighbourhood event, with an opt-out link in every
 * mail), recorded as of the moment the contact is added.
 */
export function newNeighbour(input: NeighbourFields, now: Date): NeighbourRecord {
  const at = now.toISOString();
  const email = normaliseEmail(input.email);
  return {
    id: neighbourId(email),
    businessName: input.businessName.trim(),
    ...(input.contactName?.trim() ? { contactName: input.contactName.trim() } : {}),
    email,
    street: input.street.trim(),
    ...(input.source?.trim() ? { source: input.source.trim() } : {}),
    consent: { basis: input.consentBasis ?? 'LEGITIMATE_INTEREST', at: (input.consentGivenAt ?? now).toISOString() },
    language: languageOr(input.language),
    createdAt: at,
    updatedAt: at,
  };
}

/** The language a neighbour reads in. */
export function neighbourLanguage(neighbour: Pick<NeighbourRecord, 'language'>): Language {
  return languageOr(neighbour.language);
}

/**
 * Days an opted-out contact keeps its details, so that an opt-out clicked by mistake (or by a mail
 * scanner) can be undone with `optInNeighbour`. After them the contact shrinks to the hash on the
 * suppression list that keeps the address unmailed (docs/privacy.md, Retention).
 */
export const optOutGraceDays = 30;

/** When an opt-out of `optedOutAt` makes the contact's details due for removal. */
export function retentionDueAt(optedOutAt: string): string {
  return new Date(new Date(optedOutAt).getTime() + optOutGraceDays * 24 * 3600_000).toISOString();
}

/** Whether a buurtbabbel mailing may go to this contact (the suppression list is checked apart). */
export function isInvitable(neighbour: NeighbourRecord): boolean {
  return !neighbour.optedOutAt && !neighbour.partnerId;
}
