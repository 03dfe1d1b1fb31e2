import type { PartnerRecord } from '../../../functions/modules/partners/partner';
import { capacityOf } from '../../../functions/modules/projects/capacity';
import type { PartnerEngagementEntry, ProjectStatus } from '../../../functions/modules/projects/project';
import { partnerRecord } from '../../support/records';

function entry(
  projectId: string,
  projectStatus: ProjectStatus,
  amounts: { hoursPerMonth?: number; euros?: number },
): PartnerEngagementEntry {
  return { projectId, partnerId: 'a', projectStatus, ...amounts, engagedAt: '2026-11-01T00:00:00Z', updatedAt: '2026-11-01T00:00:00Z' };
}

function partner(capacity: PartnerRecord['capacity'], entries: PartnerEngagementEntry[] | undefined): PartnerRecord {
  return partnerRecord('a', [], { capacity, engagements: entries && Object.fromEntries(entries.map((e) => [e.projectId, e])) });
}

describe('capacity sums', () => {
  it('adds up only engagements in PROPOSED and ACTIVE projects', () => {
    const view = capacityOf(
      partner({ hoursPerMonth: 10, eurosPerYear: 500 }, [
        entry('p1', 'PROPOSED', { hoursPerMonth: 4, euros: 100 }),
        entry('p2', 'ACTIVE', { hoursPerMonth: 5 }),
        entry('p3', 'IDEA', { hoursPerMonth: 40, euros: 9000 }),
        entry('p4', 'STOPPED', { hoursPerMonth: 40 }),
        entry('p5', 'CONSOLIDATING', { euros: 9000 }),
      ]),
    );
    expect(view).toEqual({
      committed: { hoursPerMonth: 9, eurosPerYear: 100 },
      remaining: { hoursPerMonth: 1, eurosPerYear: 400 },
      overCommitted: false,
    });
  });

  it('flags going over either part, and shows the remaining capacity as negative', () => {
    const view = capacityOf(
      partner({ hoursPerMonth: 8 }, [
        entry('p1', 'ACTIVE', { hoursPerMonth: 6 }),
        entry('p2', 'PROPOSED', { hoursPerMonth: 3.5, euros: 50 }),
      ]),
    );
    expect(view).toEqual({ committed: { hoursPerMonth: 9.5, eurosPerYear: 50 }, remaining: { hoursPerMonth: -1.5 }, overCommitted: true });
  });

  it('is never over a part the partner did not state, and has no remaining capacity when it stated none', () => {
    expect(capacityOf(partner(undefined, [entry('p1', 'ACTIVE', { hoursPerMonth: 100, euros: 1e6 })]))).toEqual({
      committed: { hoursPerMonth: 100, eurosPerYear: 1e6 },
      overCommitted: false,
    });
    expect(capacityOf(partner({ eurosPerYear: 1000 }, [entry('p1', 'ACTIVE', { hoursPerMonth: 100 })])).overCommitted).toBe(false);
  });

  it('is exactly at capacity without being over, also with amounts that do not add up exactly in binary', () => {
    const view = capacityOf(
      partner({ hoursPerMonth: 0.3 }, [entry('p1', 'ACTIVE', { hoursPerMonth: 0.1 }), entry('p2', 'ACTIVE', { hoursPerMonth: 0.2 })]),
    );
    expect(view.overCommitted).toBe(false);
    expect(view.remaining).toEqual({ hoursPerMonth: 0 });
  });

  it('treats a stated capacity of zero as a limit, and a partner without engagements as committing nothing', () => {
    expect(capacityOf(partner({ hoursPerMonth: 0 }, [entry('p1', 'PROPOSED', { hoursPerMonth: 1 })])).overCommitted).toBe(true);
    expect(capacityOf(partner({ hoursPerMonth: 0 }, [entry('p1', 'PROPOSED', {})])).overCommitted).toBe(false);
    expect(capacityOf(partner({ hoursPerMonth: 5 }, undefined))).toEqual({
      committed: { hoursPerMonth: 0, eurosPerYear: 0 },
      remaining: { hoursPerMonth: 5 },
      overCommitted: false,
    });
  });
});
