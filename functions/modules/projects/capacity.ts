import type { PartnerRecord } from '../partners/partner';
import { countsAgainstCapacity, type PartnerEngagementEntry } from './project';
import { compareKeys } from '../../shared/compare-keys';

/**
 * A partner's engagements added up against its stated capacity (pure). Only engagements in
 * PROPOSED and ACTIVE projects count. A part of the capacity the partner did not state is never
 * exceeded; amounts are compared in cents, so 0.1 + 0.2 hours is not more than 0.3.
 */
export interface CapacityFigures {
  hoursPerMonth: number;
  eurosPerYear: number;
}

export interface CapacityView {
  committed: CapacityFigures;
  /** Stated capacity minus committed, per part; undefined parts were not stated. Undefined when nothing was stated. */
  remaining?: { hoursPerMonth?: number; eurosPerYear?: number };
  overCommitted: boolean;
}

const cents = (value: number) => Math.round(value * 100);

export function partnerEngagements(partner: PartnerRecord): PartnerEngagementEntry[] {
  return Object.values(partner.engagements ?? {}).sort(
    (a, b) => compareKeys(a.engagedAt, b.engagedAt) || compareKeys(a.projectId, b.projectId),
  );
}

export function capacityOf(partner: PartnerRecord): CapacityView {
  let hours = 0;
  let euros = 0;
  // A sum: no order needed (capacityOf runs once per engagement a page shows).
  for (const entry of Object.values(partner.engagements ?? {})) {
    if (!countsAgainstCapacity(entry.projectStatus)) continue;
    hours += cents(entry.hoursPerMonth ?? 0);
    euros += cents(entry.euros ?? 0);
  }
  const committed = { hoursPerMonth: hours / 100, eurosPerYear: euros / 100 };
  const stated = partner.capacity;
  const statedHours = stated?.hoursPerMonth;
  const statedEuros = stated?.eurosPerYear;
  const overCommitted =
    (statedHours !== undefined && hours > cents(statedHours)) || (statedEuros !== undefined && euros > cents(statedEuros));
  if (statedHours === undefined && statedEuros === undefined) return { committed, overCommitted };
  const remaining = {
    ...(statedHours !== undefined ? { hoursPerMonth: (cents(statedHours) - hours) / 100 } : {}),
    ...(statedEuros !== undefined ? { eurosPerYear: (cents(statedEuros) - euros) / 100 } : {}),
  };
  return { committed, remaining, overCommitted };
}
