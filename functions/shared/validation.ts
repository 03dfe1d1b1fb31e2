import * as z from 'zod/mini';
import type { UserErrorEntry } from './errors';

/**
 * Small checks shared by the modules. Each returns a Dutch `UserErrorEntry` (or nothing), so a
 * service can collect every problem of an input at once rather than stopping at the first.
 */
const emailSchema = z.email();

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function checkEmail(value: string, field: string[]): UserErrorEntry | undefined {
  if (!emailSchema.safeParse(normaliseEmail(value)).success) {
    return { field, code: 'INVALID_EMAIL', message: `"${value}" is geen geldig e-mailadres.` };
  }
  return undefined;
}

export function checkText(value: string, field: string[], label: string, maxLength: number): UserErrorEntry | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0) return { field, code: 'REQUIRED', message: `${label} mag niet leeg zijn.` };
  if (trimmed.length > maxLength) return { field, code: 'TOO_LONG', message: `${label} mag hoogstens ${maxLength} tekens lang zijn.` };
  return undefined;
}

/**
 * The largest amount (hours, euros) anyone may state: far beyond any real partner, and small
 * enough that sums in cents stay exact and every total stays a finite Float (`1e308` would not).
 */
export const maxAmount = 1_000_000_000;

export function checkNonNegative(value: number | null | undefined, field: string[], label: string): UserErrorEntry | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0) return { field, code: 'NEGATIVE_AMOUNT', message: `${label} kan niet negatief zijn.` };
  if (value > maxAmount) return { field, code: 'TOO_LARGE', message: `${label} mag hoogstens ${maxAmount.toLocaleString('nl-BE')} zijn.` };
  return undefined;
}

/** Trims, drops empties and removes duplicates (case-insensitive), keeping the first spelling. */
export function cleanList(values: readonly string[] | null | undefined): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of values ?? []) {
    const value = raw.trim();
    const key = value.toLocaleLowerCase('nl-BE');
    if (value && !seen.has(key)) {
      seen.add(key);
      result.push(value);
    }
  }
  return result;
}

/**
 * A list that must stay on one DynamoDB item (400 KB) holds at most `max` entries: `count` is what
 * the list would hold after the change, checked before anything is written.
 */
export function checkCount(count: number, max: number, field: string[], code: string, message: string): UserErrorEntry | undefined {
  return count > max ? { field, code, message } : undefined;
}

export function compact(entries: (UserErrorEntry | undefined)[]): UserErrorEntry[] {
  return entries.filter((entry): entry is UserErrorEntry => entry !== undefined);
}
