import { createHash } from 'node:crypto';
import type { UserErrorEntry } from '../../shared/errors';
import { checkText, cleanList } from '../../shared/validation';

/**
 * The idea matrix (issue 14): a question, two axes whose rows and columns a coordinator names,
 * ideas placed in the cells, then dot voting. Pure rules; matrix.service.ts applies them.
 */
export type MatrixSessionStatus = 'OPEN' | 'CLOSED';

export interface MatrixSessionRecord {
  id: string;
  question: string;
  rows: string[];
  columns: string[];
  status: MatrixSessionStatus;
  votesPerParticipant: number;
  meetingId?: string;
  /** The viewer id of the coordinator who started the session. */
  facilitatorId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
}

export interface IdeaCommentRecord {
  id: string;
  authorName: string;
  authorPartnerId?: string;
  text: string;
  createdAt: string;
}

export interface IdeaRecord {
  id: string;
  sessionId: string;
  title: string;
  description?: string;
  row: number;
  column: number;
  authorKey: string;
  authorName: string;
  authorPartnerId?: string;
  /** Votes on this idea, those of the ideas merged into it included. */
  votes: number;
  comments: IdeaCommentRecord[];
  /** Set once the idea was merged into another: its votes and history count there. */
  mergedInto?: string;
  mergedFrom: string[];
  projectId?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * What an idea item may hold (it stays one DynamoDB item, 400 KB): its comments are appended on
 * condition there is room, so concurrent comments cannot pass the cap (docs/data-model.md, "Item sizes").
 */
export const ideaCaps = {
  comments: 50,
  commentLength: 1000,
  title: 200,
  description: 2000,
} as const;

/** One participant's votes on one idea (several allowed). */
export interface VoteRecord {
  ideaId: string;
  participantKey: string;
  name: string;
  partnerId?: string;
  count: number;
}

/** Who takes part: a partner's member (by account) or a guest let in with a session link. */
export interface Participant {
  key: string;
  name: string;
  partnerId?: string;
}

/** Everything stored about one session: one Query on its partition. */
export interface MatrixState {
  session: MatrixSessionRecord;
  ideas: IdeaRecord[];
  votes: VoteRecord[];
  /** Votes used, by participant key. */
  votesUsed: Map<string, number>;
}

export const maxAxisLabels = 12;
export const maxVotesPerParticipant = 50;

/** A partner member's participant key: a hash of the account id (no address in keys). */
export function memberParticipantKey(viewerId: string): string {
  return `m-${createHash('sha256').update(viewerId).digest('hex').slice(0, 24)}`;
}

export function guestParticipantKey(guestId: string): string {
  return `g-${guestId}`;
}

/** Idea ids carry their session's id, so an idea is found without an index. */
export function ideaIdOf(sessionId: string, localId: string): string {
  return `${sessionId}:${localId}`;
}

export function sessionIdOfIdea(ideaId: string): string | undefined {
  const [sessionId, local] = ideaId.split(':');
  return sessionId && local ? sessionId : undefined;
}

function checkAxis(labels: readonly string[], field: string[], label: string): { values: string[]; error?: UserErrorEntry } {
  const values = cleanList(labels);
  if (values.length === 0) return { values, error: { field, code: 'EMPTY_AXIS', message: `${label} heeft minstens één naam nodig.` } };
  if (values.length > maxAxisLabels) {
    return { values, error: { field, code: 'AXIS_TOO_LONG', message: `${label} heeft hoogstens ${maxAxisLabels} namen.` } };
  }
  if (values.some((value) => value.length > 100)) {
    return {
      values,
      error: { field, code: 'TOO_LONG', message: `Een naam op ${label.toLowerCase()} mag hoogstens 100 tekens lang zijn.` },
    };
  }
  if (values.length !== labels.length) {
    return { values, error: { field, code: 'DUPLICATE_LABEL', message: `${label} bevat een lege of dubbele naam.` } };
  }
  return { values };
}

export function validateAxes(rows: readonly string[], columns: readonly string[]) {
  const checkedRows = checkAxis(rows, ['input', 'rows'], 'De rijen');
  const checkedColumns = checkAxis(columns, ['input', 'columns'], 'De kolommen');
  return {
    rows: checkedRows.values,
    columns: checkedColumns.values,
    errors: [checkedRows.error, checkedColumns.error].filter((e): e is UserErrorEntry => e !== undefined),
  };
}

export function validateStart(input: {
  question: string;
  rows: readonly string[];
  columns: readonly string[];
  votesPerParticipant: number;
}) {
  const axes = validateAxes(input.rows, input.columns);
  const errors: UserErrorEntry[] = [];
  const question = checkText(input.question, ['input', 'question'], 'De vraag', 300);
  if (question) errors.push(question);
  errors.push(...axes.errors);
  if (!Number.isInteger(input.votesPerParticipant) || input.votesPerParticipant < 1 || input.votesPerParticipant > maxVotesPerParticipant) {
    errors.push({
      field: ['input', 'votesPerParticipant'],
      code: 'INVALID_VOTE_BUDGET',
      message: `Het aantal stemmen per deelnemer ligt tussen 1 en ${maxVotesPerParticipant}.`,
    });
  }
  return { rows: axes.rows, columns: axes.columns, errors };
}

/** An axis may be renamed or grow while the session is open, but not lose a row or column that holds ideas. */
export function checkAxesKeepIdeas(ideas: readonly IdeaRecord[], rows: readonly string[], columns: readonly string[]): UserErrorEntry[] {
  const errors: UserErrorEntry[] = [];
  if (ideas.some((idea) => idea.row >= rows.length)) {
    errors.push({ field: ['input', 'rows'], code: 'AXIS_IN_USE', message: 'Een rij met ideeën kan niet verdwijnen; hernoem ze.' });
  }
  if (ideas.some((idea) => idea.column >= columns.length)) {
    errors.push({ field: ['input', 'columns'], code: 'AXIS_IN_USE', message: 'Een kolom met ideeën kan niet verdwijnen; hernoem ze.' });
  }
  return errors;
}

export function validateIdea(
  session: MatrixSessionRecord,
  input: { title: string; description?: string | null; row: number; column: number },
): UserErrorEntry[] {
  const errors: UserErrorEntry[] = [];
  const title = checkText(input.title, ['input', 'title'], 'De titel', ideaCaps.title);
  if (title) errors.push(title);
  if ((input.description?.length ?? 0) > ideaCaps.description) {
    errors.push({
      field: ['input', 'description'],
      code: 'TOO_LONG',
      message: `De beschrijving mag hoogstens ${ideaCaps.description} tekens lang zijn.`,
    });
  }
  if (!Number.isInteger(input.row) || input.row < 0 || input.row >= session.rows.length) {
    errors.push({ field: ['input', 'row'], code: 'NO_SUCH_CELL', message: 'Deze rij bestaat niet in de matrix.' });
  }
  if (!Number.isInteger(input.column) || input.column < 0 || input.column >= session.columns.length) {
    errors.push({ field: ['input', 'column'], code: 'NO_SUCH_CELL', message: 'Deze kolom bestaat niet in de matrix.' });
  }
  return errors;
}

export function sessionClosedError(field: string[]): UserErrorEntry {
  return { field, code: 'SESSION_CLOSED', message: 'Deze matrixsessie is afgesloten: ideeën, stemmen en reacties kunnen niet meer.' };
}

/** Ideas that still stand (not merged into another), most votes first, then oldest first. */
export function rankIdeas(ideas: readonly IdeaRecord[]): IdeaRecord[] {
  return ideas
    .filter((idea) => !idea.mergedInto)
    .sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export interface CellRanking {
  row: number;
  column: number;
  votes: number;
  ideas: IdeaRecord[];
}

/** Every cell of the matrix, row by row, with its standing ideas ranked and their votes added up. */
export function rankCells(state: Pick<MatrixState, 'session' | 'ideas'>): CellRanking[] {
  const ranked = rankIdeas(state.ideas);
  const cells: CellRanking[] = [];
  state.session.rows.forEach((_row, row) =>
    state.session.columns.forEach((_column, column) => {
      const ideas = ranked.filter((idea) => idea.row === row && idea.column === column);
      cells.push({ row, column, ideas, votes: ideas.reduce((sum, idea) => sum + idea.votes, 0) });
    }),
  );
  return cells;
}

/** An idea and every idea merged into it, directly or through another merge. */
export function absorbedIdeas(ideas: readonly IdeaRecord[], ideaId: string): IdeaRecord[] {
  const byId = new Map(ideas.map((idea) => [idea.id, idea]));
  const result: IdeaRecord[] = [];
  const pending = [ideaId];
  while (pending.length > 0) {
    const idea = byId.get(pending.pop()!);
    if (!idea || result.includes(idea)) continue;
    result.push(idea);
    pending.push(...idea.mergedFrom);
  }
  return result;
}

/** Who contributed to an idea: its author and commenters, those of the ideas merged into it included, in order of appearance. */
export function contributors(ideas: readonly IdeaRecord[], ideaId: string): string[] {
  const entries = absorbedIdeas(ideas, ideaId).flatMap((idea) => [
    { name: idea.authorName, at: idea.createdAt },
    ...idea.comments.map((comment) => ({ name: comment.authorName, at: comment.createdAt })),
  ]);
  return [...new Set(entries.sort((a, b) => a.at.localeCompare(b.at)).map((entry) => entry.name))];
}

/** The votes cast for an idea (on it, or on an idea merged into it), per participant. */
export function votesFor(state: Pick<MatrixState, 'ideas' | 'votes'>, ideaId: string): VoteRecord[] {
  const ids = new Set(absorbedIdeas(state.ideas, ideaId).map((idea) => idea.id));
  return state.votes.filter((vote) => ids.has(vote.ideaId) && vote.count > 0);
}

/**
 * Which stored vote a participant takes back from an idea: one on the idea itself, else one on an
 * idea merged into it (a merge keeps each vote where it was cast).
 */
export function voteToWithdraw(
  state: Pick<MatrixState, 'ideas' | 'votes'>,
  ideaId: string,
  participantKey: string,
): VoteRecord | undefined {
  const own = votesFor(state, ideaId).filter((vote) => vote.participantKey === participantKey);
  return own.find((vote) => vote.ideaId === ideaId) ?? own[0];
}

/**
 * Cursors of the live feed. A poll returns what changed after the cursor; the next cursor lies a
 * few seconds before the poll, because an index is eventually consistent and several servers'
 * clocks stamp the changes: what landed late is returned again rather than missed (the feed
 * carries each item's whole current state, so a repeat is harmless).
 */
export const feedOverlapMs = 5_000;

export function changeSortKey(atIso: string, itemId: string): string {
  return `${atIso}#${itemId}`;
}

export function encodeFeedCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64url');
}

export function decodeFeedCursor(cursor: string | null | undefined): string | undefined {
  if (!cursor) return undefined;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z(#.*)?$/.test(value) ? value : undefined;
}

/** The cursor after a poll at `now` that saw every change (none left over). */
export function caughtUpSortKey(now: Date): string {
  return new Date(now.getTime() - feedOverlapMs).toISOString();
}
