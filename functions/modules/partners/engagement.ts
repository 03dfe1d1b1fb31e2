/**
 * The engagement shapes the partners and projects modules share. They live here, below the
 * projects module, because each partner item keeps a copy of its engagements: the partners module
 * reads and writes them without importing from projects (projects imports partners, not back).
 */
export type ProjectStatus = 'IDEA' | 'PROPOSED' | 'ACTIVE' | 'CONSOLIDATING' | 'TRANSFERRED' | 'SPUN_OFF' | 'STOPPED';

/** What one partner commits to one project. */
export interface EngagementRecord {
  projectId: string;
  partnerId: string;
  hoursPerMonth?: number;
  /** Euros per year, compared with the partner's `capacity.eurosPerYear`. */
  euros?: number;
  energyNote?: string;
  engagedAt: string;
  updatedAt: string;
}

/**
 * The copy of an engagement kept on the partner item (keyed by project id), with the project's
 * status: a partner's committed capacity is then a sum over its own item, and a project's view of
 * its partners' capacity needs no read of other projects.
 */
export interface PartnerEngagementEntry extends EngagementRecord {
  projectStatus: ProjectStatus;
}
