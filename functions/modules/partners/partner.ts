import type { UserErrorEntry } from '../../shared/errors';
import type { PartnerEngagementEntry } from './engagement';
import { checkCount, checkEmail, checkNonNegative, checkText, cleanList, compact, normaliseEmail } from '../../shared/validation';
import { languageOr, type Language } from '../../shared/i18n/language';

/** A partner of the network as stored. Pure types and rules; no I/O here. */
export type PartnerKind = 'NONPROFIT' | 'FREELANCER' | 'COMPANY' | 'SPIN_OFF';

export interface Capacity {
  hoursPerMonth?: number;
  eurosPerYear?: number;
}

export interface Representative {
  id: string;
  name: string;
  email: string;
  /** The language of their mails and pages; absent on representatives from before languages: Dutch. */
  language?: Language;
}

export interface PartnerRecord {
  id: string;
  name: string;
  kind: PartnerKind;
  email: string;
  capacity?: Capacity;
  representatives: Representative[];
  competences: string[];
  /** The neighbourhood contact this partner was before it joined (its buurtbabbel history stays there). */
  formerNeighbourId?: string;
  /**
   * This partner's engagements, keyed by project id, with each project's status. Written only by
   * the projects module, in the same transaction as the project; absent until the first one.
   */
  engagements?: Record<string, PartnerEngagementEntry>;
  /** Set on a partner of kind SPIN_OFF: the project it took over. */
  spunOffFromProjectId?: string;
  /** Set when the partner left the network: kept in history, no longer invited by default nor mailed. */
  archivedAt?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * What a partner item may hold (it stays one DynamoDB item, 400 KB), checked before any write.
 * `engagements` bounds the copies of its engagements the item keeps (one per project, closed ones
 * included); at these caps the item measures well below the limit (docs/data-model.md, "Item sizes").
 */
export const partnerCaps = {
  representatives: 20,
  competences: 30,
  competenceLength: 100,
  engagements: 50,
} as const;

export interface PartnerFieldsInput {
  name?: string | null;
  kind?: PartnerKind | null;
  email?: string | null;
  capacity?: { hoursPerMonth?: number | null; eurosPerYear?: number | null } | null;
  representatives?: { name: string; email: string; language?: string | null }[] | null;
  competences?: string[] | null;
}

/** Checks the fields that are present; `required` names those that must be. */
export function validatePartnerFields(input: PartnerFieldsInput, required: boolean): UserErrorEntry[] {
  const errors: (UserErrorEntry | undefined)[] = [];
  if (required || input.name != null) errors.push(checkText(input.name ?? '', ['input', 'name'], 'De naam', 120));
  if (required || input.email != null) errors.push(checkEmail(input.email ?? '', ['input', 'email']));
  if (input.capacity) {
    errors.push(checkNonNegative(input.capacity.hoursPerMonth, ['input', 'capacity', 'hoursPerMonth'], 'Het aantal uren per maand'));
    errors.push(checkNonNegative(input.capacity.eurosPerYear, ['input', 'capacity', 'eurosPerYear'], 'Het bedrag per jaar'));
  }
  const seenEmails = new Set<string>();
  (input.representatives ?? []).forEach((rep, index) => {
    const field = ['input', 'representatives', String(index)];
    errors.push(checkText(rep.name, [...field, 'name'], 'De naam van een vertegenwoordiger', 120));
    const emailError = checkEmail(rep.email, [...field, 'email']);
    errors.push(emailError);
    const email = normaliseEmail(rep.email);
    if (!emailError && seenEmails.has(email)) {
      errors.push({
        field: [...field, 'email'],
        code: 'DUPLICATE_EMAIL',
        message: `${rep.email} staat twee keer bij de vertegenwoordigers.`,
      });
    }
    seenEmails.add(email);
  });
  errors.push(
    checkCount(
      input.representatives?.length ?? 0,
      partnerCaps.representatives,
      ['input', 'representatives'],
      'TOO_MANY_REPRESENTATIVES',
      `Een partner heeft hoogstens ${partnerCaps.representatives} vertegenwoordigers.`,
    ),
  );
  (input.competences ?? []).forEach((competence, index) => {
    if (competence.trim().length > partnerCaps.competenceLength) {
      errors.push({
        field: ['input', 'competences', String(index)],
        code: 'TOO_LONG',
        message: `Een competentie mag hoogstens ${partnerCaps.competenceLength} tekens lang zijn.`,
      });
    }
  });
  errors.push(
    checkCount(
      cleanList(input.competences).length,
      partnerCaps.competences,
      ['input', 'competences'],
      'TOO_MANY_COMPETENCES',
      `Een partner heeft hoogstens ${partnerCaps.competences} competenties.`,
    ),
  );
  return compact(errors);
}

export function normaliseCapacity(capacity: PartnerFieldsInput['capacity']): Capacity | undefined {
  if (!capacity) return undefined;
  const result: Capacity = {};
  if (capacity.hoursPerMonth != null) result.hoursPerMonth = capacity.hoursPerMonth;
  if (capacity.eurosPerYear != null) result.eurosPerYear = capacity.eurosPerYear;
  return result;
}

/**
 * Keeps the ids of representatives that stay (same email), so that their answers and calendar
 * feeds keep pointing at them; new ones get a fresh id.
 */
export function mergeRepresentatives(
  current: Representative[],
  next: { name: string; email: string; language?: string | null }[],
  newId: () => string,
): Representative[] {
  const byEmail = new Map(current.map((rep) => [rep.email, rep]));
  return next.map((rep) => {
    const email = normaliseEmail(rep.email);
    const earlier = byEmail.get(email);
    // A representative listed again without a language keeps the one they had.
    const language = rep.language ? languageOr(rep.language) : languageOr(earlier?.language);
    return { id: earlier?.id ?? newId(), name: rep.name.trim(), email, language };
  });
}

export function cleanCompetences(values: string[] | null | undefined): string[] {
  return cleanList(values);
}

/** Where a partner's invitations go: its representatives, else its contact address. */
export function invitationRecipients(partner: PartnerRecord): { email: string; name?: string; language?: Language }[] {
  if (partner.representatives.length > 0)
    return partner.representatives.map((rep) => ({ email: rep.email, name: rep.name, language: languageOr(rep.language) }));
  return [{ email: partner.email, name: partner.name }];
}

/** Every address of these partners (contact and representatives), normalised: who is not a neighbour. */
export function partnerAddresses(partners: readonly PartnerRecord[]): Set<string> {
  return new Set(partners.flatMap((partner) => [partner.email, ...invitationRecipients(partner).map((r) => r.email)].map(normaliseEmail)));
}

/** Whether the partner still takes part in the network (not archived). */
export function isActivePartner(partner: Pick<PartnerRecord, 'archivedAt'>): boolean {
  return partner.archivedAt === undefined;
}
