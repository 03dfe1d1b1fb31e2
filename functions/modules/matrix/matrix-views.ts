import type { IdeaCommentRecord, IdeaRecord, MatrixSessionRecord, MatrixState } from './matrix';
import type { MatrixChanges } from './matrix.service';

/** What the GraphQL resolvers of a session get: its record, and its whole state once loaded. */
export interface MatrixSessionView {
  session: MatrixSessionRecord;
  state?: MatrixState;
}

/** An idea with the other ideas known with it (for contributors and merged ideas). */
export interface IdeaView {
  idea: IdeaRecord;
  siblings: readonly IdeaRecord[];
}

export interface IdeaCommentView {
  comment: IdeaCommentRecord;
}

export interface MatrixCellView {
  session: MatrixSessionRecord;
  row: number;
  column: number;
  votes: number;
  ideas: IdeaView[];
}

export type MatrixChangesView = MatrixChanges;
