import { requireRole, requireViewer } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Page } from '../../shared/dynamodb/cursor';
import { UserInputError, type UserErrorEntry } from '../../shared/errors';
import type { NeighbourRecord } from '../neighbours/neighbour';
import { isInvitable } from '../neighbours/neighbour';
import type { NeighboursRepository } from '../neighbours/neighbours.repository';
import type { OutboxDispatch } from '../outbox/outbox';
import type { OutboxRepository } from '../outbox/outbox.repository';
import { partnerAddresses } from '../partners/partner';
import type { PartnersRepository } from '../partners/partners.repository';
import type { SuppressionsRepository } from '../suppressions/suppressions.repository';
import {
  decideAnswer,
  defaultInvitationDaysBefore,
  emptyCounts,
  invitationMoment,
  isOpenForAnswers,
  nextAnswerMails,
  roundAfter,
  validateBuurtbabbel,
  type BuurtbabbelAnswer,
  type BuurtbabbelRecord,
  type BuurtbabbelRound,
  type GuestRecord,
  type GuestStatus,
  type ScheduleBuurtbabbelFields,
} from './buurtbabbel';
import { planBulkDispatches, planGuestDispatch, recipientsPerDispatch, type BuurtbabbelEmailKind } from './buurtbabbel-dispatch';
import type { BuurtbabbelsRepository } from './buurtbabbels.repository';
import { retryOnConflict } from '../../shared/dynamodb/retry-on-conflict';

export interface ScheduleBuurtbabbelCommand extends ScheduleBuurtbabbelFields {
  hostPartnerId?: string | null;
}

export interface BuurtbabbelsSettings {
  /** Domain of calendar UIDs (the organizer's mail domain). */
  uidDomain: string;
  /** Invitations and reminders sent per minute. */
  sendRatePerMinute: number;
}

export interface RoundsReport {
  rounds: number;
  invitations: number;
  reminders: number;
  /** Due rounds that failed (logged by buurtbabbel id); they stay due, so the next run tries again. */
  failed: number;
}

/** One transaction holds at most 100 writes: the buurtbabbel plus this many dispatches. */
const maxDispatchesPerRound = 50;
/** Many neighbours may answer within the same minute, each answer moving the buurtbabbel's version: a few more tries than elsewhere. */
const maxAttempts = 5;

const notFound = (field: string[]) => UserInputError.single('NOT_FOUND', 'Deze buurtbabbel bestaat niet.', field);

export class BuurtbabbelsService {
  constructor(
    private readonly buurtbabbels: BuurtbabbelsRepository,
    private readonly neighbours: NeighboursRepository,
    private readonly partners: PartnersRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly settings: BuurtbabbelsSettings,
    private readonly logger: Logger,
  ) {}

  async schedule(viewer: Viewer | undefined, input: ScheduleBuurtbabbelCommand): Promise<BuurtbabbelRecord> {
    requireRole(viewer, 'COORDINATOR');
    const now = this.clock.now();
    const errors = validateBuurtbabbel(input, now);
    if (input.hostPartnerId && !(await this.partners.get(input.hostPartnerId))) {
      errors.push({ field: ['input', 'hostPartnerId'], code: 'UNKNOWN_PARTNER', message: 'Deze partner bestaat niet.' });
    }
    if (errors.length > 0) throw new UserInputError(errors);
    const at = now.toISOString();
    const daysBefore = input.invitationDaysBefore ?? defaultInvitationDaysBefore;
    const invitationsAt = invitationMoment(input.startsAt, daysBefore).toISOString();
    const buurtbabbel: BuurtbabbelRecord = {
      id: this.newId(),
      startsAt: input.startsAt.toISOString(),
      endsAt: input.endsAt.toISOString(),
      location: input.location.trim(),
      ...(input.hostPartnerId ? { hostPartnerId: input.hostPartnerId } : {}),
      ...(input.maxGuests != null ? { maxGuests: input.maxGuests } : {}),
      invitationDaysBefore: daysBefore,
      invitationsAt,
      status: 'PLANNED',
      counts: emptyCounts(),
      waitingList: [],
      nextRound: 'INVITATIONS',
      nextRoundAt: invitationsAt,
      sequence: 0,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await this.buurtbabbels.create(buurtbabbel);
    return buurtbabbel;
  }

  /**
   * Cancels a buurtbabbel: no more rounds; whoever said yes, maybe or is waiting hears it. One
   * transaction, like every change.
   */
  async cancel(viewer: Viewer | undefined, input: { id: string; reason?: string | null }): Promise<BuurtbabbelRecord> {
    requireRole(viewer, 'COORDINATOR');
    if (input.reason && input.reason.length > 1000)
      throw UserInputError.single('TOO_LONG', 'De reden mag hoogstens 1000 tekens lang zijn.', ['input', 'reason']);
    return retryOnConflict(
      async () => {
        const current = await this.buurtbabbels.get(input.id);
        if (!current) throw notFound(['input', 'id']);
        const closed = isOpenForAnswers(current, this.clock.now());
        if (closed) throw new UserInputError([{ ...closed, field: ['input', 'id'] }]);
        const now = this.clock.now();
        const next: BuurtbabbelRecord = {
          ...current,
          status: 'CANCELLED',
          ...(input.reason?.trim() ? { cancelReason: input.reason.trim() } : {}),
          nextRound: undefined,
          nextRoundAt: undefined,
          sequence: current.sequence + 1,
          version: current.version + 1,
          updatedAt: now.toISOString(),
        };
        const guests = current.invitationsSentAt ? await this.buurtbabbels.listGuests(current.id) : [];
        const told = guests.filter((guest) => guest.status === 'ACCEPTED' || guest.status === 'MAYBE' || guest.status === 'WAITING');
        const dispatches = await this.bulk(next, 'cancellation', await this.invitable(told.map((guest) => guest.neighbourId)), now);
        await this.buurtbabbels.replace(next, current.version, this.dispatchPuts(dispatches, now));
        return next;
      },
      { field: ['input', 'id'], attempts: maxAttempts },
    );
  }

  async get(viewer: Viewer | undefined, id: string): Promise<BuurtbabbelRecord | undefined> {
    requireViewer(viewer);
    return this.buurtbabbels.get(id);
  }

  async list(viewer: Viewer | undefined, from: Date | undefined, limit: number, after?: string): Promise<Page<BuurtbabbelRecord>> {
    requireViewer(viewer);
    return this.buurtbabbels.list(from, limit, after);
  }

  /** Who answered or came: neighbours' personal data, so coordinators only. */
  /** The buurtbabbel an answer link names, with that neighbour's answer; the link's token, checked by the page, is the permission. */
  async getForAnswerLink(buurtbabbelId: string, neighbourId: string): Promise<{ buurtbabbel?: BuurtbabbelRecord; guest?: GuestRecord }> {
    return this.buurtbabbels.getWithGuest(buurtbabbelId, neighbourId);
  }

  /**
   * Whether a buurtbabbel mail still goes out, checked at send time rather than when it was queued:
   * a contact who opted out (or became a partner) meanwhile gets nothing, and neither does anyone
   * for a buurtbabbel cancelled meanwhile, except its cancellation. The neighbour is read per
   * message, or, when `round` names the round's neighbours, all of them in one BatchGet when the
   * round's first mail asks (an opt-out counts up to the start of the round, a second or so before
   * the send); the buurtbabbel, the same for a whole mailing, once per delivery round when `round`
   * is given.
   */
  async recipientAtSend(
    mail: { buurtbabbelId: string; neighbourId: string; emailKind: BuurtbabbelEmailKind },
    round: { once<T>(key: string, load: () => Promise<T>): Promise<T>; neighbourIds?: () => readonly string[] } = {
      once: (_key, load) => load(),
    },
  ): Promise<{ neighbour: NeighbourRecord } | { withdraw: string }> {
    const { neighbourIds } = round;
    const [neighbour, buurtbabbel] = await Promise.all([
      // The round's neighbours in one BatchGet (a few for a hundred mails) instead of one GetItem per mail.
      neighbourIds
        ? round
            .once('neighbours', () => this.neighbours.getMany([...neighbourIds(), mail.neighbourId]))
            .then((found) => found.get(mail.neighbourId))
        : this.neighbours.get(mail.neighbourId),
      round.once(`buurtbabbel:${mail.buurtbabbelId}`, () => this.buurtbabbels.get(mail.buurtbabbelId)),
    ]);
    if (!neighbour) return { withdraw: 'NEIGHBOUR_GONE' };
    if (neighbour.optedOutAt) return { withdraw: 'OPTED_OUT' };
    if (!isInvitable(neighbour)) return { withdraw: 'BECAME_PARTNER' };
    if (buurtbabbel?.status === 'CANCELLED' && mail.emailKind !== 'cancellation') return { withdraw: 'CANCELLED' };
    return { neighbour };
  }

  async guests(viewer: Viewer | undefined, id: string): Promise<GuestRecord[]> {
    requireRole(viewer, 'COORDINATOR');
    return this.buurtbabbels.listGuests(id);
  }

  /** A neighbour's buurtbabbels, oldest first. */
  async history(viewer: Viewer | undefined, neighbourId: string): Promise<GuestRecord[]> {
    requireRole(viewer, 'COORDINATOR');
    return this.buurtbabbels.listHistory(neighbourId);
  }

  /**
   * A neighbour's answer through the link in an invitation (the link's token names both). A yes
   * beyond the maximum goes on the waiting list; a yes withdrawn gives the seat to the first
   * waiting. Counts, waiting list, guest and the resulting emails change in one transaction.
   * `unmailed` says that no mail reaches the neighbour any more (opted out, or become a partner):
   * the confirmation and a seat from the waiting list are not mailed.
   */
  async answer(
    buurtbabbelId: string,
    neighbourId: string,
    answer: BuurtbabbelAnswer,
  ): Promise<{ buurtbabbel: BuurtbabbelRecord; status: GuestStatus; unmailed: boolean; mailHeld?: boolean }> {
    return retryOnConflict(
      async () => {
        const now = this.clock.now();
        const [{ buurtbabbel, guest }, neighbour] = await Promise.all([
          this.buurtbabbels.getWithGuest(buurtbabbelId, neighbourId),
          this.neighbours.get(neighbourId),
        ]);
        if (!buurtbabbel || !neighbour) throw notFound(['buurtbabbelId']);
        const closed = isOpenForAnswers(buurtbabbel, now);
        if (closed) throw new UserInputError([{ ...closed, field: ['buurtbabbelId'] }]);
        const outcome = decideAnswer(buurtbabbel, guest?.status, answer, neighbourId);
        const unmailed = !isInvitable(neighbour);
        if (!outcome) return { buurtbabbel, status: guest!.status!, unmailed };

        // One mail per change of answer, and no more than maxAnswerMailsPerDay of them: flapping stays quiet.
        const answerMailsAt = outcome.email ? nextAnswerMails(guest?.answerMailsAt, now) : guest?.answerMailsAt;
        const mailHeld = outcome.email !== undefined && answerMailsAt === undefined;
        const nextGuest: GuestRecord = {
          buurtbabbelId,
          neighbourId,
          status: outcome.status,
          answeredAt: now.toISOString(),
          attended: guest?.attended ?? false,
          startsAt: buurtbabbel.startsAt,
          ...((answerMailsAt ?? guest?.answerMailsAt) ? { answerMailsAt: answerMailsAt ?? guest?.answerMailsAt } : {}),
          version: (guest?.version ?? 0) + 1,
        };
        const next: BuurtbabbelRecord = {
          ...buurtbabbel,
          counts: outcome.counts,
          waitingList: outcome.waitingList,
          version: buurtbabbel.version + 1,
          updatedAt: now.toISOString(),
        };
        const hostName = await this.hostName(buurtbabbel);
        const writes = [this.buurtbabbels.guestPut(nextGuest, guest?.version ?? 0)];
        const dispatches: OutboxDispatch[] = [];
        if (outcome.email && !mailHeld) {
          dispatches.push(
            planGuestDispatch({
              buurtbabbel: next,
              hostName,
              neighbour,
              emailKind: outcome.email,
              guestVersion: nextGuest.version,
              uidDomain: this.settings.uidDomain,
              createdAt: now,
            }),
          );
        }
        if (outcome.promotedNeighbourId) {
          const [{ guest: waiting }, promoted] = await Promise.all([
            this.buurtbabbels.getWithGuest(buurtbabbelId, outcome.promotedNeighbourId),
            this.neighbours.get(outcome.promotedNeighbourId),
          ]);
          if (waiting && promoted) {
            const promotedMails = nextAnswerMails(waiting.answerMailsAt, now);
            const promotedGuest: GuestRecord = {
              ...waiting,
              status: 'ACCEPTED',
              ...(promotedMails ? { answerMailsAt: promotedMails } : {}),
              version: waiting.version + 1,
            };
            writes.push(this.buurtbabbels.guestPut(promotedGuest, waiting.version));
            if (promotedMails)
              dispatches.push(
                planGuestDispatch({
                  buurtbabbel: next,
                  hostName,
                  neighbour: promoted,
                  emailKind: 'promoted',
                  guestVersion: promotedGuest.version,
                  uidDomain: this.settings.uidDomain,
                  createdAt: now,
                }),
              );
          }
        }
        await this.buurtbabbels.replace(next, buurtbabbel.version, [...writes, ...this.dispatchPuts(dispatches, now)]);
        return { buurtbabbel: next, status: outcome.status, unmailed, ...(mailHeld ? { mailHeld } : {}) };
      },
      { field: ['buurtbabbelId'], attempts: maxAttempts },
    );
  }

  /** After the event: who came. Replaces the earlier list; counts.attended follows. */
  async recordAttendance(viewer: Viewer | undefined, input: { id: string; neighbourIds: string[] }): Promise<BuurtbabbelRecord> {
    requireRole(viewer, 'COORDINATOR');
    const came = new Set(input.neighbourIds);
    return retryOnConflict(
      async () => {
        const now = this.clock.now();
        const [current, known, guests] = await Promise.all([
          this.buurtbabbels.get(input.id),
          this.neighbours.getMany([...came]),
          this.buurtbabbels.listGuests(input.id),
        ]);
        if (!current) throw notFound(['input', 'id']);
        const errors: UserErrorEntry[] = [];
        if (current.status === 'CANCELLED')
          errors.push({ field: ['input', 'id'], code: 'CANCELLED', message: 'Deze buurtbabbel ging niet door.' });
        else if (new Date(current.startsAt).getTime() > now.getTime())
          errors.push({ field: ['input', 'id'], code: 'NOT_STARTED', message: 'Deze buurtbabbel is nog niet begonnen.' });
        input.neighbourIds.forEach((id, index) => {
          if (!known.has(id))
            errors.push({
              field: ['input', 'neighbourIds', String(index)],
              code: 'UNKNOWN_NEIGHBOUR',
              message: 'Deze buurtondernemer bestaat niet.',
            });
        });
        if (errors.length > 0) throw new UserInputError(errors);
        const byNeighbour = new Map(guests.map((guest) => [guest.neighbourId, guest]));
        const changed: { next: GuestRecord; expected: number }[] = [];
        for (const id of new Set([...came, ...byNeighbour.keys()])) {
          const guest = byNeighbour.get(id);
          const attended = came.has(id);
          if ((guest?.attended ?? false) === attended) continue;
          const base: GuestRecord = guest ?? {
            buurtbabbelId: current.id,
            neighbourId: id,
            attended: false,
            startsAt: current.startsAt,
            version: 0,
          };
          changed.push({ next: { ...base, attended, version: base.version + 1 }, expected: base.version });
        }
        if (changed.length > maxDispatchesPerRound) {
          throw UserInputError.single(
            'TOO_MANY_CHANGES',
            `Wijzig de aanwezigheid van hoogstens ${maxDispatchesPerRound} mensen tegelijk.`,
            ['input', 'neighbourIds'],
          );
        }
        const next: BuurtbabbelRecord = {
          ...current,
          counts: { ...current.counts, attended: came.size },
          attendanceRecordedAt: now.toISOString(),
          version: current.version + 1,
          updatedAt: now.toISOString(),
        };
        await this.buurtbabbels.replace(
          next,
          current.version,
          changed.map(({ next: guest, expected }) => this.buurtbabbels.guestPut(guest, expected)),
        );
        return next;
      },
      { field: ['input', 'id'], attempts: maxAttempts },
    );
  }

  /**
   * The job: starts every mailing round whose moment has come. A round is one transaction that
   * moves the buurtbabbel to its next round and writes the round's outbox dispatches, so a run
   * that dies before it wrote nothing, and one after it cannot write it again.
   */
  async runDueRounds(asOf?: Date): Promise<RoundsReport> {
    const report: RoundsReport = { rounds: 0, invitations: 0, reminders: 0, failed: 0 };
    const now = asOf ?? this.clock.now();
    let contacts: Promise<NeighbourRecord[]> | undefined;
    for (const due of await this.buurtbabbels.findDueRounds(now, 25)) {
      const round = due.nextRound!;
      // Another run started this round first, or an answer came in between: skipped; the next run sees it.
      // One round that fails otherwise is logged and left due; the others go on.
      let sent: number | undefined;
      try {
        sent = await retryOnConflict(() => this.startRound(due, round, now, () => (contacts ??= this.invitableContacts())), {
          skipWhenExhausted: true,
          attempts: 1,
        });
      } catch (error) {
        report.failed += 1;
        this.logger.error('buurtbabbel round failed; the next run tries it again', { buurtbabbelId: due.id, round, error });
        continue;
      }
      if (sent === undefined) continue;
      report.rounds += 1;
      report[round === 'INVITATIONS' ? 'invitations' : 'reminders'] += sent;
    }
    return report;
  }

  private async startRound(
    current: BuurtbabbelRecord,
    round: BuurtbabbelRound,
    now: Date,
    contacts: () => Promise<NeighbourRecord[]>,
  ): Promise<number> {
    // A job that was down until after the start sends nothing for it: an invitation to the past helps nobody.
    const started = new Date(current.startsAt).getTime() <= now.getTime();
    const follow = started ? undefined : roundAfter(current, round, now);
    const sentAt = now.toISOString();
    const next: BuurtbabbelRecord = {
      ...current,
      nextRound: follow?.round,
      nextRoundAt: follow?.dueAt.toISOString(),
      ...(started ? {} : round === 'INVITATIONS' ? { invitationsSentAt: sentAt } : { remindersSentAt: sentAt }),
      version: current.version + 1,
      updatedAt: sentAt,
    };
    let recipients: NeighbourRecord[];
    if (started) {
      recipients = [];
    } else if (round === 'INVITATIONS') {
      recipients = await contacts();
      next.counts = { ...current.counts, invited: recipients.length };
    } else {
      const accepted = (await this.buurtbabbels.listGuests(current.id)).filter((guest) => guest.status === 'ACCEPTED');
      recipients = await this.invitable(accepted.map((guest) => guest.neighbourId));
    }
    const dispatches = await this.bulk(next, round === 'INVITATIONS' ? 'invitation' : 'reminder', recipients, now);
    // Decided as of `now` (a replay's --now), but the mail leaves at the real now, not then.
    await this.buurtbabbels.replace(next, current.version, this.dispatchPuts(dispatches, this.clock.now()));
    return recipients.length;
  }

  /**
   * Contacts a mailing may go to: not opted out, not become partner, not bouncing. A partner made
   * apart from its contact (createPartner, a project's spin-off) is left out by its address.
   */
  private async invitableContacts(): Promise<NeighbourRecord[]> {
    const [contacts, partners] = await Promise.all([this.neighbours.listAll(), this.partners.listAll()]);
    const partnerEmails = partnerAddresses(partners);
    return this.withoutBouncing(contacts.filter((neighbour) => isInvitable(neighbour) && !partnerEmails.has(neighbour.email)));
  }

  private async invitable(ids: string[]): Promise<NeighbourRecord[]> {
    if (ids.length === 0) return [];
    const found = await this.neighbours.getMany(ids);
    return this.withoutBouncing(ids.map((id) => found.get(id)).filter((n): n is NeighbourRecord => !!n && isInvitable(n)));
  }

  private async withoutBouncing(neighbours: NeighbourRecord[]): Promise<NeighbourRecord[]> {
    const suppressed = await this.suppressions.findMany(neighbours.map((neighbour) => neighbour.email));
    return neighbours.filter((neighbour) => !suppressed.has(neighbour.id));
  }

  private async bulk(
    buurtbabbel: BuurtbabbelRecord,
    emailKind: BuurtbabbelEmailKind,
    neighbours: NeighbourRecord[],
    now: Date,
  ): Promise<OutboxDispatch[]> {
    if (neighbours.length > maxDispatchesPerRound * recipientsPerDispatch) {
      throw new Error(`a buurtbabbel round reaches at most ${maxDispatchesPerRound * recipientsPerDispatch} contacts`);
    }
    return planBulkDispatches({
      buurtbabbel,
      hostName: await this.hostName(buurtbabbel),
      emailKind,
      neighbours,
      startAt: now,
      ratePerMinute: this.settings.sendRatePerMinute,
      uidDomain: this.settings.uidDomain,
    });
  }

  private async hostName(buurtbabbel: BuurtbabbelRecord): Promise<string | undefined> {
    return buurtbabbel.hostPartnerId ? (await this.partners.get(buurtbabbel.hostPartnerId))?.name : undefined;
  }

  private dispatchPuts(dispatches: OutboxDispatch[], now: Date) {
    return dispatches.map((dispatch) => this.outbox.dispatchPut(dispatch, now));
  }
}
