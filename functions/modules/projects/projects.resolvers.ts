import type { GraphQLContext } from '../../graphql/context';
import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { toConnection, withUserErrors } from '../../graphql/payload';
import { selectsField } from '../../graphql/selection';
import { pageSize } from '../../shared/dynamodb/cursor';
import type { PartnerRecord } from '../partners/partner';
import { capacityOf, partnerEngagements } from './capacity';
import { remindersSent, reviewId, reviewStatus } from './consolidation-review';
import { countsAgainstCapacity, openIntakeItems, openReview, type DecisionRecord, type ProjectRecord, type ReviewRecord } from './project';
import { holdsEveryDecision, holdsEveryReview } from './project-log';
import type { EngagementView, ReviewView } from './project-views';
import { compareKeys } from '../../shared/compare-keys';

async function loadPartner(id: string | undefined, { loaders }: GraphQLContext): Promise<PartnerRecord | null> {
  return id ? ((await loaders.partner.load(id)) ?? null) : null;
}

async function loadProject(id: string | undefined, { loaders }: GraphQLContext): Promise<ProjectRecord | null> {
  return id ? ((await loaders.project.load(id)) ?? null) : null;
}

// The log fields answer without a promise while the project item holds what they ask (the common
// case); only a longer log goes through the loader (one Query per project, batched per request).

/** Every review of the project: from the project item when it holds them all, else from its log. */
function reviewsOf(project: ProjectRecord, { loaders }: GraphQLContext): ReviewRecord[] | Promise<ReviewRecord[]> {
  if (holdsEveryReview(project)) return project.reviews;
  return loaders.projectLog.load(project.id).then((log) => log?.reviews ?? project.reviews);
}

/** Every decision about the project, oldest first: from the project item while none is an item of its own. */
function decisionsOf(project: ProjectRecord, { loaders }: GraphQLContext): DecisionRecord[] | Promise<DecisionRecord[]> {
  if (holdsEveryDecision(project)) return project.decisions;
  return loaders.projectLog.load(project.id).then((log) => log?.decisions ?? project.decisions);
}

/** One review: the project item holds the latest (the open one among them); an older one comes from the log. */
function reviewView(
  project: ProjectRecord,
  number: number | undefined,
  context: GraphQLContext,
): ReviewView | null | Promise<ReviewView | null> {
  if (number === undefined) return null;
  const view = (reviews: ReviewRecord[]) => {
    const review = reviews.find((candidate) => candidate.number === number);
    return review ? { project, review } : null;
  };
  const onItem = view(project.reviews);
  if (onItem || holdsEveryReview(project)) return onItem;
  return Promise.resolve(reviewsOf(project, context)).then(view);
}

function projectEngagements(project: ProjectRecord): EngagementView[] {
  return Object.values(project.engagements)
    .sort((a, b) => compareKeys(a.engagedAt, b.engagedAt) || compareKeys(a.partnerId, b.partnerId))
    .map((engagement) => ({ engagement, projectStatus: project.status, project }));
}

/** The Project fields that may need more of the log than the project item holds. */
const logFields = ['reviews', 'decisions'] as const;

export const projectsResolvers: Resolvers = {
  Query: {
    projects: async (_parent, args, { viewer, services, loaders }) => {
      const page = await services.projects.list(viewer, args.status ?? undefined, pageSize(args.first), args.after ?? undefined);
      for (const project of page.items) loaders.project.prime(project.id, project);
      return toConnection(page);
    },
    // Asked for its log, one Query reads the project with its whole log (the loaders keep both for
    // the fields below); otherwise one GetItem reads the project item, however long its log is.
    project: async (_parent, args, { viewer, services, loaders }, info) => {
      if (!logFields.some((name) => selectsField(info, name))) return (await services.projects.get(viewer, args.id)) ?? null;
      const found = await services.projects.getWithLog(viewer, args.id);
      if (!found) return null;
      loaders.project.prime(found.project.id, found.project);
      loaders.projectLog.prime(found.project.id, found.log);
      return found.project;
    },
    overCommittedPartners: (_parent, _args, { viewer, services }) => services.projects.overCommittedPartners(viewer),
  },
  Mutation: {
    proposeProject: (_parent, { input }, { viewer, services }) => withUserErrors('project', () => services.projects.propose(viewer, input)),
    updateProject: (_parent, { input }, { viewer, services }) => withUserErrors('project', () => services.projects.update(viewer, input)),
    engageInProject: (_parent, { input }, { viewer, services }) => withUserErrors('project', () => services.projects.engage(viewer, input)),
    withdrawEngagement: (_parent, { input }, { viewer, services }) =>
      withUserErrors('project', () => services.projects.withdraw(viewer, input)),
    assessProject: (_parent, { input }, { viewer, services }) => withUserErrors('project', () => services.projects.assess(viewer, input)),
    changeProjectStatus: (_parent, { input }, { viewer, services }) =>
      withUserErrors('project', () => services.projects.changeStatus(viewer, input)),
    answerConsolidationReview: (_parent, { input }, { viewer, services }) =>
      withUserErrors('project', () => services.consolidationReviews.answerReview(viewer, input)),
    confirmConsolidationReview: (_parent, { input }, { viewer, services }) =>
      withUserErrors('project', () => services.consolidationReviews.confirmReview(viewer, input)),
    recordProjectDecision: (_parent, { input }, { viewer, services }) =>
      withUserErrors('project', () => services.projects.recordDecision(viewer, input)),
  },
  Project: {
    promoter: (project, _args, context) => loadPartner(project.promoterPartnerId, context),
    // Asked with their partners (or over-capacity, which needs them): the list loads them at once,
    // in the same batch as the other projects' lists, so the engagement's fields need no promise each.
    engagements: async (project, _args, { loaders }, info) => {
      const views = projectEngagements(project);
      if (!selectsField(info, 'partner') && !selectsField(info, 'overCapacity')) return views;
      const partners = await loaders.partner.loadMany(views.map((view) => view.engagement.partnerId));
      return views.map((view, i) => {
        const partner = partners[i];
        return partner && !(partner instanceof Error) ? { ...view, partner } : view;
      });
    },
    hasBusinessModel: (project) => project.businessModel?.value ?? null,
    businessModelNote: (project) => project.businessModel?.note ?? null,
    fitsCommunityGoals: (project) => project.communityGoals?.value ?? null,
    communityGoalsNote: (project) => project.communityGoals?.note ?? null,
    openIntakeItems: (project) => openIntakeItems(project),
    reviews: (project, _args, context) => {
      const views = (reviews: ReviewRecord[]) => reviews.map((review) => ({ project, review }));
      const reviews = reviewsOf(project, context);
      return Array.isArray(reviews) ? views(reviews) : reviews.then(views);
    },
    currentReview: (project, _args, context) => reviewView(project, openReview(project)?.number, context),
    decisions: (project, _args, context) => {
      const views = (decisions: DecisionRecord[]) => decisions.map((decision) => ({ project, decision }));
      const decisions = decisionsOf(project, context);
      return Array.isArray(decisions) ? views(decisions) : decisions.then(views);
    },
    spinOffPartner: (project, _args, context) => loadPartner(project.spinOffPartnerId, context),
  },
  Engagement: {
    partner: (view, _args, context) =>
      view.partner ??
      loadPartner(view.engagement.partnerId, context).then((partner) => {
        if (!partner) throw new Error(`engaged partner ${view.engagement.partnerId} is missing`);
        return partner;
      }),
    project: async (view, _args, context) => {
      const project = view.project ?? (await loadProject(view.engagement.projectId, context));
      if (!project) throw new Error(`project ${view.engagement.projectId} of an engagement is missing`);
      return project;
    },
    hoursPerMonth: (view) => view.engagement.hoursPerMonth ?? null,
    euros: (view) => view.engagement.euros ?? null,
    energyNote: (view) => view.engagement.energyNote ?? null,
    overCapacity: (view, _args, context) => {
      if (!countsAgainstCapacity(view.projectStatus)) return false;
      if (view.partner) return capacityOf(view.partner).overCommitted;
      return loadPartner(view.engagement.partnerId, context).then((partner) => (partner ? capacityOf(partner).overCommitted : false));
    },
    engagedAt: (view) => view.engagement.engagedAt,
    updatedAt: (view) => view.engagement.updatedAt,
  },
  ConsolidationReview: {
    id: ({ project, review }) => reviewId(project.id, review.number),
    number: ({ review }) => review.number,
    project: ({ project }) => project,
    status: ({ review }) => reviewStatus(review),
    dueAt: ({ review }) => review.dueAt,
    requestedAt: ({ review }) => review.requestedAt ?? null,
    remindersSent: ({ review }) => remindersSent(review),
    coordinatorToldAt: ({ review }) => review.coordinatorToldAt ?? null,
    answeredAt: ({ review }) => review.answeredAt ?? null,
    outcome: ({ review }) => review.answer?.outcome ?? null,
    note: ({ review }) => review.answer?.note ?? null,
    thirdParty: ({ review }) => review.answer?.thirdParty ?? null,
    spinOffName: ({ review }) => review.answer?.spinOffName ?? null,
    onAgenda: ({ review }) => review.agendaItemId !== undefined,
    confirmedAt: ({ review }) => review.confirmedAt ?? null,
    confirmedAtMeeting: async ({ review }, _args, { loaders }) =>
      review.confirmedAtMeetingId ? ((await loaders.meeting.load(review.confirmedAtMeetingId)) ?? null) : null,
    confirmedOutcome: ({ review }) => review.decision?.outcome ?? null,
  },
  ProjectDecision: {
    id: ({ decision }) => decision.id,
    meeting: async ({ decision }, _args, { loaders }) => (await loaders.meeting.load(decision.meetingId)) ?? null,
    text: ({ decision }) => decision.text,
    recordedAt: ({ decision }) => decision.recordedAt,
    review: ({ project, decision }, _args, context) => reviewView(project, decision.reviewNumber, context),
  },
  Partner: {
    engagements: (partner) =>
      partnerEngagements(partner).map(({ projectStatus, ...engagement }) => ({ engagement, projectStatus, partner })),
    committed: (partner) => capacityOf(partner).committed,
    remainingCapacity: (partner) => {
      const { remaining } = capacityOf(partner);
      return remaining ? { hoursPerMonth: remaining.hoursPerMonth ?? null, eurosPerYear: remaining.eurosPerYear ?? null } : null;
    },
    overCommitted: (partner) => capacityOf(partner).overCommitted,
    spunOffFrom: (partner, _args, context) => loadProject(partner.spunOffFromProjectId, context),
  },
  AgendaItem: {
    project: (item, _args, context) => loadProject(item.projectId, context),
    consolidationReview: async (item, _args, context) => {
      if (item.reviewNumber === undefined) return null;
      const project = await loadProject(item.projectId, context);
      return project ? reviewView(project, item.reviewNumber, context) : null;
    },
  },
};
