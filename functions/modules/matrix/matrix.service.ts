import { apiPaths } from '../../shared/links/api-paths';
import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Page } from '../../shared/dynamodb/cursor';
import { ForbiddenError, UnauthenticatedError, UserInputError, type UserErrorEntry } from '../../shared/errors';
import { LinkTokenError, signLinkToken, verifyLinkToken } from '../../shared/links/signed-links';
import { checkText, cleanList } from '../../shared/validation';
import { checkAgendaRoom, meetingCaps } from '../meetings/meeting';
import type { MeetingsRepository } from '../meetings/meetings.repository';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { PartnersRepository } from '../partners/partners.repository';
import { defaultReviewIntervalMonths, optionalText, type ProjectRecord } from '../projects/project';
import type { ProjectsRepository } from '../projects/projects.repository';
import { planIdeaPromotedDispatch } from './idea-promoted-dispatch';
import {
  caughtUpSortKey,
  checkAxesKeepIdeas,
  ideaCaps,
  decodeFeedCursor,
  encodeFeedCursor,
  guestParticipantKey,
  ideaIdOf,
  memberParticipantKey,
  sessionClosedError,
  sessionIdOfIdea,
  validateAxes,
  validateIdea,
  validateStart,
  votesFor,
  voteToWithdraw,
  type IdeaRecord,
  type MatrixSessionRecord,
  type MatrixState,
  type Participant,
} from './matrix';
import { MatrixWriteRefused, type MatrixRepository } from './matrix.repository';

/** Who calls: a signed-in viewer, or a guest holding a session link's token. */
export interface MatrixCaller {
  viewer?: Viewer;
  guestToken?: string | null;
}

export interface StartSessionCommand {
  question: string;
  rows: string[];
  columns: string[];
  votesPerParticipant: number;
  meetingId?: string | null;
  /** Adds every competence the partners stated as a column (needs × competences in one step). */
  competencesAsColumns?: boolean | null;
}

export interface MatrixSettings {
  publicBaseUrl: string;
  linkSigningSecret: string;
}

export interface MatrixChanges {
  session?: MatrixSessionRecord;
  ideas: IdeaRecord[];
  cursor: string;
  hasMore: boolean;
}

/** A guest link lasts at most this long; closing the session ends it sooner. */
const guestLinkLifetimeMs = 30 * 24 * 3600_000;
const heatMapLinkLifetimeMs = 7 * 24 * 3600_000;
const feedPageSize = 200;

const notFound = (field: string[], message = 'Deze matrixsessie bestaat niet.') => UserInputError.single('NOT_FOUND', message, field);

export class MatrixService {
  constructor(
    private readonly matrix: MatrixRepository,
    private readonly partners: PartnersRepository,
    private readonly meetings: MeetingsRepository,
    private readonly projects: ProjectsRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly settings: MatrixSettings,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Reads

  async list(viewer: Viewer | undefined, limit: number, after?: string): Promise<Page<MatrixSessionRecord>> {
    requireViewer(viewer);
    return this.matrix.listSessions(limit, after);
  }

  /** The whole session; a guest sees only the session of its link, and only while it is open. */
  async get(caller: MatrixCaller, id: string): Promise<MatrixState | undefined> {
    const state = await this.matrix.loadState(id);
    if (!caller.viewer) {
      const guest = await this.guest(caller, id, ['guestToken']);
      if (state && state.session.status !== 'OPEN') throw new ForbiddenError(guestLinkEnded);
      void guest;
    }
    return state;
  }

  /** The session's state, loaded once per request by the resolvers of a listed session. */
  loadState(id: string): Promise<MatrixState | undefined> {
    return this.matrix.loadState(id);
  }

  /** What changed after `cursor` (from the start without one): one Query, whatever the session's size. */
  async changes(caller: MatrixCaller, sessionId: string, cursor?: string | null): Promise<MatrixChanges> {
    if (!caller.viewer) await this.guest(caller, sessionId, ['guestToken']);
    const pollAt = this.clock.now();
    const after = decodeFeedCursor(cursor);
    const page = await this.matrix.changesSince(sessionId, after, feedPageSize);
    if (!caller.viewer && page.session && page.session.status !== 'OPEN') throw new ForbiddenError(guestLinkEnded);
    // A full page continues after its last item; a poll that saw everything goes on from a few
    // seconds before now, so a change the index shows late is still returned.
    const overlapKey = caughtUpSortKey(pollAt);
    const next = page.hasMore ? page.lastSortKey! : [after, overlapKey].filter(Boolean).sort().pop()!;
    return { session: page.session, ideas: page.ideas, cursor: encodeFeedCursor(next), hasMore: page.hasMore };
  }

  /** Votes the caller has left in the session, or null for someone who is not a participant. */
  async votesLeft(caller: MatrixCaller, state: MatrixState): Promise<number | null> {
    const participant = await this.participant(caller, state.session.id).catch(() => undefined);
    if (!participant) return null;
    return state.session.votesPerParticipant - (state.votesUsed.get(participant.key) ?? 0);
  }

  /** A link to the session's heat map (SVG) that works without a bearer token, for a week. */
  async heatMapUrl(sessionId: string): Promise<string> {
    const now = this.clock.now();
    const token = await signLinkToken(
      this.settings.linkSigningSecret,
      'matrix-heat-map',
      { sessionId },
      new Date(now.getTime() + heatMapLinkLifetimeMs),
      now,
    );
    return `${this.settings.publicBaseUrl}${apiPaths.matrixHeatMap}?token=${encodeURIComponent(token)}`;
  }

  // ---------------------------------------------------------------------------------------------
  // The facilitator (a coordinator)

  async start(viewer: Viewer | undefined, input: StartSessionCommand): Promise<MatrixState> {
    const coordinator = requireRole(viewer, 'COORDINATOR');
    let columns = input.columns;
    if (input.competencesAsColumns) {
      const competences = (await this.partners.listAll()).flatMap((partner) => partner.competences);
      columns = cleanList([...input.columns, ...competences]);
    }
    const { rows, columns: cleanColumns, errors } = validateStart({ ...input, columns });
    const meetingError = input.meetingId ? await this.checkMeeting(input.meetingId) : undefined;
    if (meetingError) errors.push(meetingError);
    if (errors.length > 0) throw new UserInputError(errors);
    const now = this.clock.now().toISOString();
    const session: MatrixSessionRecord = {
      id: this.newId(),
      question: input.question.trim(),
      rows,
      columns: cleanColumns,
      status: 'OPEN',
      votesPerParticipant: input.votesPerParticipant,
      ...(input.meetingId ? { meetingId: input.meetingId } : {}),
      facilitatorId: coordinator.id,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const agenda = input.meetingId
      ? [
          this.meetings.agendaAppend(
            input.meetingId,
            [{ id: `matrix.${session.id}`, title: `Matrixsessie: ${session.question}`, matrixSessionId: session.id }],
            now,
            meetingCaps.agendaItems,
          ),
        ]
      : [];
    try {
      await this.matrix.saveSession(session, undefined, agenda);
    } catch (error) {
      if (error instanceof MatrixWriteRefused && error.label === 'extra') {
        const meeting = await this.meetings.get(input.meetingId!);
        const full = meeting?.status === 'PLANNED' && checkAgendaRoom(meeting.agenda, 1, ['input', 'meetingId']);
        if (full) throw new UserInputError([full]);
        throw UserInputError.single('MEETING_NOT_PLANNED', 'Deze vergadering is niet (meer) gepland.', ['input', 'meetingId']);
      }
      throw error;
    }
    return { session, ideas: [], votes: [], votesUsed: new Map() };
  }

  async updateAxes(viewer: Viewer | undefined, input: { sessionId: string; rows: string[]; columns: string[] }): Promise<MatrixState> {
    requireRole(viewer, 'COORDINATOR');
    const axes = validateAxes(input.rows, input.columns);
    if (axes.errors.length > 0) throw new UserInputError(axes.errors);
    return this.changeSession(input.sessionId, (state) => {
      const errors = checkAxesKeepIdeas(state.ideas, axes.rows, axes.columns);
      if (errors.length > 0) throw new UserInputError(errors);
      return { ...state.session, rows: axes.rows, columns: axes.columns };
    });
  }

  async close(viewer: Viewer | undefined, input: { sessionId: string }): Promise<MatrixState> {
    requireRole(viewer, 'COORDINATOR');
    return this.changeSession(input.sessionId, (state, now) => ({ ...state.session, status: 'CLOSED', closedAt: now }));
  }

  /** A signed link's token for a guest (a name, no account), valid while the session is open. */
  async inviteGuest(viewer: Viewer | undefined, input: { sessionId: string; name: string }): Promise<string> {
    requireRole(viewer, 'COORDINATOR');
    const nameError = checkText(input.name, ['input', 'name'], 'De naam', 100);
    if (nameError) throw new UserInputError([nameError]);
    const session = await this.matrix.getSession(input.sessionId);
    if (!session) throw notFound(['input', 'sessionId']);
    if (session.status !== 'OPEN') throw new UserInputError([sessionClosedError(['input', 'sessionId'])]);
    const now = this.clock.now();
    return signLinkToken(
      this.settings.linkSigningSecret,
      'matrix-guest',
      { sessionId: session.id, guestId: this.newId(), name: input.name.trim() },
      new Date(now.getTime() + guestLinkLifetimeMs),
      now,
    );
  }

  /** Merges one idea into another of the same session: votes add up, both histories stay. */
  async merge(viewer: Viewer | undefined, input: { ideaId: string; intoIdeaId: string }): Promise<MatrixState> {
    requireRole(viewer, 'COORDINATOR');
    const sessionId = sessionIdOfIdea(input.ideaId);
    if (!sessionId || sessionId !== sessionIdOfIdea(input.intoIdeaId) || input.ideaId === input.intoIdeaId) {
      throw UserInputError.single('CANNOT_MERGE', 'Alleen twee verschillende ideeën van dezelfde sessie kunnen samengaan.', [
        'input',
        'intoIdeaId',
      ]);
    }
    for (let attempt = 1; ; attempt += 1) {
      const state = await this.requireState(sessionId, ['input', 'ideaId']);
      const from = this.requireIdea(state, input.ideaId, ['input', 'ideaId']);
      const into = this.requireIdea(state, input.intoIdeaId, ['input', 'intoIdeaId']);
      if (from.projectId) throw UserInputError.single('ALREADY_PROMOTED', 'Dit idee is al een project geworden.', ['input', 'ideaId']);
      try {
        await this.matrix.merge(sessionId, from, into, this.clock.now().toISOString());
        return (await this.matrix.loadState(sessionId))!;
      } catch (error) {
        if (!(error instanceof MatrixWriteRefused)) throw error;
        // A vote on the idea landed between the read and the merge: count again.
        if (error.label === 'idea-changed' && attempt < 5) continue;
        throw this.refusal(error, ['input', 'ideaId']);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Participants: partners' members and guests

  async addIdea(
    caller: MatrixCaller,
    input: { sessionId: string; title: string; description?: string | null; row: number; column: number },
  ): Promise<MatrixState> {
    const participant = await this.participant(caller, input.sessionId);
    const session = await this.matrix.getSession(input.sessionId);
    if (!session) throw notFound(['input', 'sessionId']);
    if (session.status !== 'OPEN') throw new UserInputError([sessionClosedError(['input', 'sessionId'])]);
    const errors = validateIdea(session, input);
    if (errors.length > 0) throw new UserInputError(errors);
    const now = this.clock.now().toISOString();
    const description = optionalText(input.description);
    const idea: IdeaRecord = {
      id: ideaIdOf(session.id, this.newId()),
      sessionId: session.id,
      title: input.title.trim(),
      ...(description ? { description } : {}),
      row: input.row,
      column: input.column,
      authorKey: participant.key,
      authorName: participant.name,
      ...(participant.partnerId ? { authorPartnerId: participant.partnerId } : {}),
      votes: 0,
      comments: [],
      mergedFrom: [],
      createdAt: now,
      updatedAt: now,
    };
    await this.write(() => this.matrix.addIdea(idea), ['input', 'sessionId']);
    return (await this.matrix.loadState(session.id))!;
  }

  async comment(caller: MatrixCaller, input: { ideaId: string; text: string }): Promise<MatrixState> {
    const sessionId = this.sessionOf(input.ideaId);
    const participant = await this.participant(caller, sessionId);
    const textError = checkText(input.text, ['input', 'text'], 'De reactie', ideaCaps.commentLength);
    if (textError) throw new UserInputError([textError]);
    const now = this.clock.now().toISOString();
    const comment = {
      id: this.newId(),
      authorName: participant.name,
      ...(participant.partnerId ? { authorPartnerId: participant.partnerId } : {}),
      text: input.text.trim(),
      createdAt: now,
    };
    try {
      await this.matrix.addComment(sessionId, input.ideaId, comment, ideaCaps.comments, now);
    } catch (error) {
      if (!(error instanceof MatrixWriteRefused)) throw error;
      // The idea's condition holds both its existence and its room: a read tells which failed.
      const full = error.label === 'idea-exists' && (await this.matrix.getIdea(sessionId, input.ideaId));
      if (full && full.comments.length >= ideaCaps.comments) {
        throw UserInputError.single(
          'TOO_MANY_COMMENTS',
          `Een idee krijgt hoogstens ${ideaCaps.comments} reacties. Voeg je reactie samen met een andere of start een nieuw idee.`,
          ['input', 'ideaId'],
        );
      }
      throw this.refusal(error, ['input', 'ideaId']);
    }
    return (await this.matrix.loadState(sessionId))!;
  }

  /** One dot: never beyond the budget, also from two devices at once (the write is conditional on the counter). */
  async vote(caller: MatrixCaller, input: { ideaId: string }): Promise<MatrixState> {
    const sessionId = this.sessionOf(input.ideaId);
    const participant = await this.participant(caller, sessionId);
    const session = await this.matrix.getSession(sessionId);
    if (!session) throw notFound(['input', 'ideaId'], 'Dit idee bestaat niet.');
    await this.write(
      () => this.matrix.vote(sessionId, input.ideaId, participant, session.votesPerParticipant, this.clock.now().toISOString()),
      ['input', 'ideaId'],
      session.votesPerParticipant,
    );
    return (await this.matrix.loadState(sessionId))!;
  }

  async withdrawVote(caller: MatrixCaller, input: { ideaId: string }): Promise<MatrixState> {
    const sessionId = this.sessionOf(input.ideaId);
    const participant = await this.participant(caller, sessionId);
    for (let attempt = 1; ; attempt += 1) {
      const state = await this.requireState(sessionId, ['input', 'ideaId']);
      this.requireIdea(state, input.ideaId, ['input', 'ideaId']);
      const vote = voteToWithdraw(state, input.ideaId, participant.key);
      if (!vote) throw UserInputError.single('NO_VOTE', 'Je hebt geen stem op dit idee om terug te nemen.', ['input', 'ideaId']);
      try {
        await this.matrix.withdrawVote(sessionId, input.ideaId, vote.ideaId, participant.key, this.clock.now().toISOString());
        return (await this.matrix.loadState(sessionId))!;
      } catch (error) {
        // The same vote taken back from another device meanwhile: look again.
        if (error instanceof MatrixWriteRefused && error.label === 'no-vote' && attempt < 3) continue;
        if (error instanceof MatrixWriteRefused) throw this.refusal(error, ['input', 'ideaId']);
        throw error;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // From idea to project

  /**
   * Makes a project proposal (status IDEA) of an idea of a closed session, linked to the idea, and
   * invites the partners who voted for it to engage: project, link and email in one transaction.
   */
  async promote(
    viewer: Viewer | undefined,
    input: { ideaId: string; promoterPartnerId: string; motivation: string },
  ): Promise<ProjectRecord> {
    const signedIn = requireViewer(viewer);
    if (signedIn.role !== 'COORDINATOR' && signedIn.partnerId !== input.promoterPartnerId) {
      throw new ForbiddenError(
        'Een partner maakt een idee tot project met zichzelf als promotor; een coördinator kan elke partner kiezen.',
      );
    }
    const sessionId = this.sessionOf(input.ideaId);
    const state = await this.requireState(sessionId, ['input', 'ideaId']);
    const idea = this.requireIdea(state, input.ideaId, ['input', 'ideaId']);
    const errors: UserErrorEntry[] = [];
    if (state.session.status === 'OPEN') {
      errors.push({
        field: ['input', 'ideaId'],
        code: 'SESSION_OPEN',
        message: 'Sluit eerst de matrixsessie af: pas dan ligt de rangschikking vast.',
      });
    }
    if (idea.projectId)
      errors.push({ field: ['input', 'ideaId'], code: 'ALREADY_PROMOTED', message: 'Dit idee is al een project geworden.' });
    const motivationError = checkText(input.motivation, ['input', 'motivation'], 'De motivatie', 2000);
    if (motivationError) errors.push(motivationError);
    const voterIds = [...new Set(votesFor(state, idea.id).flatMap((vote) => (vote.partnerId ? [vote.partnerId] : [])))];
    const partners = await this.partners.getMany([input.promoterPartnerId, ...voterIds]);
    const promoter = partners.get(input.promoterPartnerId);
    if (!promoter) errors.push({ field: ['input', 'promoterPartnerId'], code: 'UNKNOWN_PARTNER', message: 'Deze partner bestaat niet.' });
    if (errors.length > 0 || !promoter) throw new UserInputError(errors);

    const now = this.clock.now();
    const at = now.toISOString();
    const project: ProjectRecord = {
      id: this.newId(),
      name: idea.title,
      ...(idea.description ? { description: idea.description } : {}),
      status: 'IDEA',
      promoterPartnerId: promoter.id,
      motivation: input.motivation.trim(),
      engagements: {},
      reviewIntervalMonths: defaultReviewIntervalMonths,
      reviews: [],
      decisions: [],
      matrixIdea: { sessionId, ideaId: idea.id },
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    const voters = voterIds.flatMap((id) => (partners.get(id) ? [partners.get(id)!] : []));
    const dispatch = planIdeaPromotedDispatch({
      ideaId: idea.id,
      payload: {
        projectId: project.id,
        ideaTitle: idea.title,
        question: state.session.question,
        promoterName: promoter.name,
        motivation: project.motivation!,
        votes: idea.votes,
      },
      voters,
      now,
    });
    const entries = [this.projects.createPut(project), this.matrix.ideaPromotion(sessionId, idea.id, project.id, at)];
    if (dispatch.recipients.length > 0) entries.push(this.outbox.dispatchPut(dispatch, now));
    try {
      await this.matrix.transactItems(entries, 'promotion');
    } catch (error) {
      if (error instanceof MatrixWriteRefused) {
        throw UserInputError.single('ALREADY_PROMOTED', 'Dit idee is intussen al een project geworden.', ['input', 'ideaId']);
      }
      throw error;
    }
    return project;
  }

  // ---------------------------------------------------------------------------------------------

  /** Who the caller takes part as: a partner's member, or the guest of a link to this session. */
  private async participant(caller: MatrixCaller, sessionId: string): Promise<Participant> {
    if (caller.guestToken) return this.guest(caller, sessionId, ['input', 'guestToken']);
    const viewer = caller.viewer;
    if (!viewer) throw new UnauthenticatedError();
    const partner = viewer.partnerId ? await this.partners.get(viewer.partnerId) : undefined;
    if (!partner) {
      throw UserInputError.single(
        'NOT_PARTICIPANT',
        'Alleen deelnemers (de partners en de gasten met een sessielink) voegen ideeën toe, stemmen en reageren.',
        ['input'],
      );
    }
    return { key: memberParticipantKey(viewer.id), name: partner.name, partnerId: partner.id };
  }

  private async guest(caller: MatrixCaller, sessionId: string, field: string[]): Promise<Participant> {
    if (!caller.guestToken) throw new UnauthenticatedError();
    let claims: Record<string, string>;
    try {
      claims = await verifyLinkToken(this.settings.linkSigningSecret, 'matrix-guest', caller.guestToken, this.clock.now());
    } catch (error) {
      if (!(error instanceof LinkTokenError)) throw error;
      throw UserInputError.single('INVALID_GUEST_LINK', `${error.message} Vraag de begeleider van de sessie om een nieuwe link.`, field);
    }
    if (claims.sessionId !== sessionId) {
      throw UserInputError.single('NOT_PARTICIPANT', 'Je sessielink hoort bij een andere matrixsessie.', field);
    }
    return { key: guestParticipantKey(claims.guestId), name: claims.name };
  }

  private sessionOf(ideaId: string): string {
    const sessionId = sessionIdOfIdea(ideaId);
    if (!sessionId) throw notFound(['input', 'ideaId'], 'Dit idee bestaat niet.');
    return sessionId;
  }

  private async requireState(sessionId: string, field: string[]): Promise<MatrixState> {
    const state = await this.matrix.loadState(sessionId);
    if (!state) throw notFound(field, 'Dit idee bestaat niet.');
    return state;
  }

  private requireIdea(state: MatrixState, ideaId: string, field: string[]): IdeaRecord {
    const idea = state.ideas.find((candidate) => candidate.id === ideaId);
    if (!idea) throw notFound(field, 'Dit idee bestaat niet.');
    if (idea.mergedInto)
      throw UserInputError.single('IDEA_MERGED', 'Dit idee is samengevoegd met een ander: ga verder bij dat idee.', field);
    return idea;
  }

  private async checkMeeting(meetingId: string): Promise<UserErrorEntry | undefined> {
    const meeting = await this.meetings.get(meetingId);
    if (!meeting) return { field: ['input', 'meetingId'], code: 'UNKNOWN_MEETING', message: 'Deze vergadering bestaat niet.' };
    if (meeting.status !== 'PLANNED') {
      return { field: ['input', 'meetingId'], code: 'MEETING_NOT_PLANNED', message: 'Deze vergadering is niet (meer) gepland.' };
    }
    return undefined;
  }

  /** A facilitator's change of the session, on condition of the version read (read again on a conflict). */
  private async changeSession(sessionId: string, apply: (state: MatrixState, now: string) => MatrixSessionRecord): Promise<MatrixState> {
    for (let attempt = 1; ; attempt += 1) {
      const state = await this.matrix.loadState(sessionId);
      if (!state) throw notFound(['input', 'sessionId']);
      if (state.session.status !== 'OPEN') throw new UserInputError([sessionClosedError(['input', 'sessionId'])]);
      const now = this.clock.now().toISOString();
      const next = { ...apply(state, now), version: state.session.version + 1, updatedAt: now };
      try {
        await this.matrix.saveSession(next, state.session.version);
        return { ...state, session: next };
      } catch (error) {
        if (!(error instanceof MatrixWriteRefused) || attempt >= 3)
          throw error instanceof MatrixWriteRefused ? UserInputError.versionConflict(['input', 'sessionId']) : error;
      }
    }
  }

  private async write(run: () => Promise<void>, field: string[], budget?: number): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (error instanceof MatrixWriteRefused) throw this.refusal(error, field, budget);
      throw error;
    }
  }

  /** The Dutch refusal for the condition that failed. */
  private refusal(error: MatrixWriteRefused, field: string[], budget?: number): UserInputError {
    switch (error.label) {
      case 'session-open':
        return new UserInputError([sessionClosedError(field)]);
      case 'budget':
        return UserInputError.single(
          'NO_VOTES_LEFT',
          `Je hebt al je ${budget ?? ''} stemmen gebruikt. Neem een stem terug om ze elders te geven.`.replace('  ', ' '),
          field,
        );
      case 'idea-open':
      case 'idea-exists':
        return UserInputError.single('IDEA_UNAVAILABLE', 'Dit idee bestaat niet (meer) of is samengevoegd met een ander.', field);
      case 'no-vote':
        return UserInputError.single('NO_VOTE', 'Je hebt geen stem op dit idee om terug te nemen.', field);
      default:
        return UserInputError.versionConflict(field);
    }
  }
}

const guestLinkEnded = 'Deze sessielink werkt niet meer: de matrixsessie is afgesloten.';
