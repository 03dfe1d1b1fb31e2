import type { PartnerRecord } from '../partners/partner';
import type { DecisionRecord, EngagementRecord, ProjectRecord, ProjectStatus, ReviewRecord } from './project';

/**
 * What the GraphQL types Engagement, ConsolidationReview and ProjectDecision resolve from. An
 * engagement is reached from its project or from its partner; the side it came from travels with
 * it, so only the other side is loaded.
 */
export interface EngagementView {
  engagement: EngagementRecord;
  projectStatus: ProjectStatus;
  project?: ProjectRecord;
  partner?: PartnerRecord;
}

export interface ReviewView {
  project: ProjectRecord;
  review: ReviewRecord;
}

export interface DecisionView {
  project: ProjectRecord;
  decision: DecisionRecord;
}
