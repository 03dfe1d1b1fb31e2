import { callerLanguage } from '../../graphql/error-language';
import type { GraphQLContext } from '../../graphql/context';
import type { Resolvers } from '../../graphql/generated/resolvers-types';
import { toConnection, withUserErrors } from '../../graphql/payload';
import { pageSize } from '../../shared/dynamodb/cursor';
import { renderMatrixMarkdown } from './matrix-markdown';
import { absorbedIdeas, contributors, rankCells, rankIdeas, type IdeaRecord, type MatrixState } from './matrix';
import type { IdeaView, MatrixSessionView } from './matrix-views';

/** A listed session's state is read once per request, however many of its fields are asked. */
const loadedStates = new WeakMap<MatrixSessionView, Promise<MatrixState>>();

function stateOf(view: MatrixSessionView, { services }: GraphQLContext): Promise<MatrixState> {
  if (view.state) return Promise.resolve(view.state);
  let loading = loadedStates.get(view);
  if (!loading) {
    loading = services.matrix.loadState(view.session.id).then((state) => {
      if (!state) throw new Error(`matrix session ${view.session.id} is missing`);
      return state;
    });
    loadedStates.set(view, loading);
  }
  return loading;
}

const sessionView = (state: MatrixState | undefined): MatrixSessionView | null => (state ? { session: state.session, state } : null);
const ideaViews = (ideas: readonly IdeaRecord[], siblings: readonly IdeaRecord[]): IdeaView[] => ideas.map((idea) => ({ idea, siblings }));

export const matrixResolvers: Resolvers = {
  Query: {
    matrixSessions: async (_parent, args, { viewer, services }) => {
      const page = await services.matrix.list(viewer, pageSize(args.first), args.after ?? undefined);
      return toConnection({ ...page, items: page.items.map((session) => ({ session })) });
    },
    matrixSession: async (_parent, args, { viewer, services }) =>
      sessionView(await services.matrix.get({ viewer, guestToken: args.guestToken }, args.id)),
    matrixSessionChanges: (_parent, args, { viewer, services }) =>
      services.matrix.changes({ viewer, guestToken: args.guestToken }, args.sessionId, args.since),
  },
  Mutation: {
    startMatrixSession: (_parent, { input }, { viewer, services }) =>
      withUserErrors('matrixSession', async () => sessionView(await services.matrix.start(viewer, input))),
    updateMatrixAxes: (_parent, { input }, { viewer, services }) =>
      withUserErrors('matrixSession', async () => sessionView(await services.matrix.updateAxes(viewer, input))),
    inviteMatrixGuest: (_parent, { input }, { viewer, services }) =>
      withUserErrors('guestToken', () => services.matrix.inviteGuest(viewer, input)),
    addIdea: (_parent, { input }, { viewer, services }) =>
      withUserErrors('matrixSession', async () =>
        sessionView(await services.matrix.addIdea({ viewer, guestToken: input.guestToken }, input)),
      ),
    commentOnIdea: (_parent, { input }, { viewer, services }) =>
      withUserErrors('matrixSession', async () =>
        sessionView(await services.matrix.comment({ viewer, guestToken: input.guestToken }, input)),
      ),
    voteForIdea: (_parent, { input }, { viewer, services }) =>
      withUserErrors('matrixSession', async () => sessionView(await services.matrix.vote({ viewer, guestToken: input.guestToken }, input))),
    withdrawVote: (_parent, { input }, { viewer, services }) =>
      withUserErrors('matrixSession', async () =>
        sessionView(await services.matrix.withdrawVote({ viewer, guestToken: input.guestToken }, input)),
      ),
    mergeIdeas: (_parent, { input }, { viewer, services }) =>
      withUserErrors('matrixSession', async () => sessionView(await services.matrix.merge(viewer, input))),
    closeMatrixSession: (_parent, { input }, { viewer, services }) =>
      withUserErrors('matrixSession', async () => sessionView(await services.matrix.close(viewer, input))),
    promoteIdea: (_parent, { input }, { viewer, services }) => withUserErrors('project', () => services.matrix.promote(viewer, input)),
  },
  MatrixSession: {
    id: ({ session }) => session.id,
    question: ({ session }) => session.question,
    rows: ({ session }) => session.rows,
    columns: ({ session }) => session.columns,
    status: ({ session }) => session.status,
    votesPerParticipant: ({ session }) => session.votesPerParticipant,
    createdAt: ({ session }) => session.createdAt,
    closedAt: ({ session }) => session.closedAt ?? null,
    meeting: async ({ session }, _args, { loaders }) =>
      session.meetingId ? ((await loaders.meeting.load(session.meetingId)) ?? null) : null,
    ideas: async (view, _args, context) => {
      const state = await stateOf(view, context);
      return ideaViews(rankIdeas(state.ideas), state.ideas);
    },
    cells: async (view, _args, context) => {
      const state = await stateOf(view, context);
      return rankCells(state).map((cell) => ({ ...cell, session: state.session, ideas: ideaViews(cell.ideas, state.ideas) }));
    },
    votesLeft: async (view, args, context) =>
      context.services.matrix.votesLeft({ viewer: context.viewer, guestToken: args.guestToken }, await stateOf(view, context)),
    heatMapUrl: async ({ session }, _args, context) => context.services.matrix.heatMapUrl(session.id, await callerLanguage(context)),
    markdown: async (view, _args, context) => {
      const state = await stateOf(view, context);
      return renderMatrixMarkdown(state.session, state.ideas, await callerLanguage(context));
    },
  },
  MatrixCell: {
    rowLabel: (cell) => cell.session.rows[cell.row],
    columnLabel: (cell) => cell.session.columns[cell.column],
  },
  MatrixSessionChanges: {
    session: (changes) => changes.session ?? null,
    ideas: (changes) => ideaViews(changes.ideas, changes.ideas),
  },
  Idea: {
    id: ({ idea }) => idea.id,
    title: ({ idea }) => idea.title,
    description: ({ idea }) => idea.description ?? null,
    row: ({ idea }) => idea.row,
    column: ({ idea }) => idea.column,
    author: async ({ idea }, _args, { loaders }) =>
      idea.authorPartnerId ? ((await loaders.partner.load(idea.authorPartnerId)) ?? null) : null,
    authorName: ({ idea }) => idea.authorName,
    votes: ({ idea }) => idea.votes,
    project: async ({ idea }, _args, { loaders }) => (idea.projectId ? ((await loaders.project.load(idea.projectId)) ?? null) : null),
    comments: ({ idea }) => idea.comments.map((comment) => ({ comment })),
    contributors: ({ idea, siblings }) => contributors(siblings.includes(idea) ? siblings : [idea, ...siblings], idea.id),
    mergedIntoId: ({ idea }) => idea.mergedInto ?? null,
    mergedIdeas: ({ idea, siblings }) =>
      ideaViews(
        absorbedIdeas(siblings, idea.id).filter((other) => other.id !== idea.id),
        siblings,
      ),
    createdAt: ({ idea }) => idea.createdAt,
    updatedAt: ({ idea }) => idea.updatedAt,
  },
  IdeaComment: {
    id: ({ comment }) => comment.id,
    authorName: ({ comment }) => comment.authorName,
    author: async ({ comment }, _args, { loaders }) =>
      comment.authorPartnerId ? ((await loaders.partner.load(comment.authorPartnerId)) ?? null) : null,
    text: ({ comment }) => comment.text,
    createdAt: ({ comment }) => comment.createdAt,
  },
  AgendaItem: {
    matrixSession: async (item, _args, { services }) =>
      item.matrixSessionId ? sessionView(await services.matrix.loadState(item.matrixSessionId)) : null,
  },
  Project: {
    matrixIdea: async (project, _args, { services }) => {
      if (!project.matrixIdea) return null;
      const state = await services.matrix.loadState(project.matrixIdea.sessionId);
      const idea = state?.ideas.find((candidate) => candidate.id === project.matrixIdea!.ideaId);
      return idea && state ? { idea, siblings: state.ideas } : null;
    },
  },
};
