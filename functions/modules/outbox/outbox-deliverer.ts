import { randomUUID } from 'node:crypto';
import type { Mailer, OutgoingEmail, SendResult } from '../../mail/mailer';
import { MailDeliveryError } from '../../mail/mailer';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Suppression } from '../suppressions/suppression';
import type { SuppressionsRepository } from '../suppressions/suppressions.repository';
import { recipientKey } from '../../shared/recipient-key';
import {
  isPaced,
  messageIdFor,
  retryDelayMs,
  type OutboxDispatch,
  type OutboxKind,
  type RequeueFilter,
  type OutboxMessage,
  type OutboxMessageOf,
} from './outbox';
import type { DueItem, Expansion, OutboxRepository, HeldCopy } from './outbox.repository';
import { forEachConcurrently } from '../../shared/concurrency';
import { lanesBy, runInLanes } from './delivery-lanes';
import { requeueParked, type RequeueReport } from './outbox-requeue';

/** The email of a message: everything but the ids and addresses the deliverer sets. */
export type RenderedOutboxEmail = Omit<OutgoingEmail, 'messageId' | 'from' | 'to'>;

/**
 * Turns one outbox message into an email; one renderer per dispatch kind. A renderer that finds, at
 * send time, that the mail is no longer wanted (its recipient opted out after it was queued)
 * returns `{ withdraw: reason }` and nothing is sent.
 */
export type OutboxRenderer<K extends OutboxKind> = (
  message: OutboxMessageOf<K>,
  now: Date,
  round: RoundCache,
) => Promise<RenderedOutboxEmail | { withdraw: string }>;

/** One renderer for every kind of dispatch, each given messages of its own kind only. */
export type OutboxRenderers = { [K in OutboxKind]: OutboxRenderer<K> };

/**
 * The renderer of the message's kind, called with the message narrowed to that kind; none for a kind
 * this code does not know (an item written by another version), which the caller reports.
 */
function render<K extends OutboxKind>(
  renderers: Partial<OutboxRenderers>,
  message: OutboxMessageOf<K>,
  now: Date,
  round: RoundCache,
): Promise<RenderedOutboxEmail | { withdraw: string }> | undefined {
  const renderer: OutboxRenderers[K] | undefined = renderers[message.kind];
  return renderer?.(message, now, round);
}

/**
 * What the messages of one delivery round share: a read every message of a mailing would repeat
 * (e.g. the buurtbabbel a round of invitations is about) is done once per round. A change made
 * meanwhile is seen from the next round on.
 */
export interface RoundCache {
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * The round's messages of one kind: a renderer can read what all of them need in one request
   * (e.g. every neighbour of the round in one BatchGet) instead of one request per message.
   */
  messagesOf<K extends OutboxKind>(kind: K): OutboxMessageOf<K>[];
}

function newRoundCache(due: readonly DueItem[]): RoundCache {
  const loaded = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!loaded.has(key)) loaded.set(key, load());
      return loaded.get(key) as Promise<T>;
    },
    messagesOf<K extends OutboxKind>(kind: K): OutboxMessageOf<K>[] {
      return due.flatMap((item) => (item.type === 'message' && item.message.kind === kind ? [item.message as OutboxMessageOf<K>] : []));
    },
  };
}

export interface DeliverySettings {
  from: string;
  /** Domain part of generated Message-IDs. */
  messageIdDomain: string;
  maxAttempts: number;
  batchSize: number;
  /** How long a claimed message is reserved for the job that claimed it. */
  leaseMs: number;
  /** A run claims nothing more once less than this much of its time is left (default 60 s). */
  stopClaimingWithinMs?: number;
  /** Consecutive transport failures after which the run stops sending (circuit breaker; default 3). */
  breakerThreshold?: number;
  /** Waits between the attempts to record an accepted send (default 0.2, 0.4, 0.8, 1.6, 3.2 s). */
  recordRetryDelaysMs?: readonly number[];
  /**
   * Messages of a round sent at the same time (default 1: one after the other). Only once a send of
   * the run was accepted: until then, and again after a transport failure, one at a time, so an
   * outage is found by one message, not by a whole round at once.
   */
  concurrency?: number;
}

export interface DeliveryReport {
  expanded: number;
  sent: number;
  retried: number;
  failed: number;
  /** Messages not sent because their address is on the suppression list. */
  suppressed: number;
  /** Messages another run claimed first. */
  skipped: number;
  /** Messages their renderer withdrew at send time (no longer wanted), or a newer version superseded. */
  withdrawn: number;
  /** Of those withdrawn, the messages a newer version of the same thing superseded before they left. */
  superseded: number;
  /** Messages whose earlier claim ran out without a result: set aside to check, not sent again. */
  checked: number;
  /** Accepted sends whose record failed even after its retries: left to run out into CHECK. */
  unrecorded: number;
  /** Result writes refused because another run's claim or result came first. */
  fenced: number;
  /** 1 when the circuit breaker stopped the run after consecutive transport failures. */
  paused: number;
  /** 1 when the run stopped claiming because its time was running out. */
  stoppedForTime: number;
  /**
   * Dispatches and messages left because of an unexpected error (e.g. DynamoDB failing a request
   * for one of them): the run goes on with the others, and a later run tries them again.
   */
  errors: number;
}

/** What a run may know about itself: how much time it has left (a Lambda's context). */
export interface RunLimits {
  remainingMs?: () => number;
}

/** The circuit breaker of a run: consecutive transport failures, and whether a send was accepted since the last. */
interface Breaker {
  consecutive: number;
  threshold: number;
  proven: boolean;
}

const maxRounds = 50;
/** Dispatches of a round expanded side by side (each writes its copies by 25 a request, 4 requests at a time). */
const expandConcurrency = 4;
/** How long a run holds a dispatch it expands; another run expands it again only after this. */
const expandLeaseMs = 2 * 60_000;
const defaultRecordRetryDelaysMs = [200, 400, 800, 1600, 3200] as const;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OutboxDeliverer {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly mailer: Mailer,
    private readonly renderers: OutboxRenderers,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly settings: DeliverySettings,
  ) {}

  /** Delivers everything due at `asOf` (and what falls due while it runs). Safe to run concurrently. */
  async deliverDue(asOf?: Date, limits: RunLimits = {}): Promise<DeliveryReport> {
    const report: DeliveryReport = {
      expanded: 0,
      sent: 0,
      retried: 0,
      failed: 0,
      suppressed: 0,
      skipped: 0,
      withdrawn: 0,
      superseded: 0,
      checked: 0,
      unrecorded: 0,
      fenced: 0,
      paused: 0,
      stoppedForTime: 0,
      errors: 0,
    };
    const breaker: Breaker = { consecutive: 0, threshold: this.settings.breakerThreshold ?? 3, proven: false };
    const margin = this.settings.stopClaimingWithinMs ?? 60_000;
    const concurrency = this.settings.concurrency ?? 1;
    const outOfTime = () => limits.remainingMs !== undefined && limits.remainingMs() < margin;
    const stop = (): boolean => {
      if (report.stoppedForTime || report.paused) return true;
      if (outOfTime()) {
        report.stoppedForTime = 1;
        this.logger.warn('outbox run stops claiming: its time is running out');
        return true;
      }
      if (breaker.consecutive >= breaker.threshold) {
        report.paused = 1;
        this.logger.error('outbox delivery paused: the transport failed repeatedly (circuit open)', {
          consecutiveFailures: breaker.consecutive,
        });
        return true;
      }
      return false;
    };
    // One set of SMTP connections for the whole run, not one per round.
    const release = this.mailer.holdOpen?.();
    try {
      await this.rounds(asOf, report, { stop, breaker, concurrency });
    } finally {
      release?.();
    }
    return report;
  }

  private async rounds(
    asOf: Date | undefined,
    report: DeliveryReport,
    run: { stop: () => boolean; breaker: Breaker; concurrency: number },
  ): Promise<void> {
    // A run replayed with a later --now sees a retry it scheduled (in real time) as due at once;
    // it leaves it for a later run, so the back-off holds in real time. Dispatch ids and message
    // keys do not collide: a message key holds a `#`.
    const attempted = new Set<string>();
    const attemptKey = (message: OutboxMessage) => `${message.dispatchId}#${message.recipient.key}`;
    const scheduling: Promise<void>[] = [];
    try {
      await this.roundsUntilDone(asOf, report, run, attempted, attemptKey, scheduling);
    } finally {
      // A run ends with its copies at their time (or counted as errors), never with a move under way.
      await Promise.all(scheduling);
    }
  }

  private async roundsUntilDone(
    asOf: Date | undefined,
    report: DeliveryReport,
    run: { stop: () => boolean; breaker: Breaker; concurrency: number },
    attempted: Set<string>,
    attemptKey: (message: OutboxMessage) => string,
    scheduling: Promise<void>[],
  ): Promise<void> {
    const { stop, breaker, concurrency } = run;
    for (let round = 0; round < maxRounds; round += 1) {
      const now = this.later(asOf);
      const due = (await this.repository.findDue(now, this.settings.batchSize)).filter(
        (item) => !attempted.has(item.type === 'message' ? attemptKey(item.message) : item.dispatch.id),
      );
      if (due.length === 0) {
        // Copies still being moved to their time may fall due: one more round once that is done.
        if (scheduling.length === 0) break;
        await Promise.all(scheduling.splice(0));
        continue;
      }
      // The suppression list for the whole round: one BatchGet instead of one GetItem per message.
      const suppressed = await this.suppressions.findMany(
        due.flatMap((item) => (item.type === 'message' ? [item.message.recipient.email] : [])),
      );
      const cache = newRoundCache(due);
      // The round's dispatches are expanded first, a few side by side: no mail leaves here; their
      // messages are due from the next round on. Versions of one series may expand at the same
      // time: each copy is written before its version takes the newest-version marker, so the
      // older copy is always there to be marked (OutboxRepository.takeLatest).
      const dispatches = due.flatMap((item) => (item.type === 'dispatch' ? [item] : []));
      const heldCopies: HeldCopy[] = [];
      await forEachConcurrently(dispatches, expandConcurrency, async (item) => {
        if (stop()) return;
        // Once per run: one that failed is given back due at once, for the next run, not the next round.
        attempted.add(item.dispatch.id);
        try {
          // Awaited first, then added: `x += await y` would read x before the others finish.
          const { created, held } = await this.expandClaimed(item.dispatch, item.dueKey);
          report.expanded += created;
          heldCopies.push(...held);
        } catch (error) {
          // Its claim runs out and a later run expands it again; the copies written stay (none twice).
          this.unexpected(report, 'expanding an outbox dispatch failed; a later run tries again', { dispatchId: item.dispatch.id }, error);
        }
      });
      // A paced mailing keeps its pace from the moment its copies are all written, when its first
      // mail can leave (outbox.ts, firstDueAt); versioned copies go once their markers are taken.
      // Moved first due first, while the rounds go on sending: waiting for the last move before
      // sending would let every mail due meanwhile go at once. A failure leaves them at their
      // provisional time (the end of the expansion's lease; an hour later for a versioned copy).
      // Versioned copies (all due at once) are moved before the round sends, so they go in it.
      const schedule = (copies: HeldCopy[], anchor: Date) =>
        copies.length === 0
          ? Promise.resolve()
          : this.repository
              .scheduleHeld(copies, anchor)
              .catch((error: unknown) =>
                this.unexpected(report, 'scheduling held outbox messages failed; they keep their provisional time', {}, error),
              );
      const anchor = this.clock.now();
      const paced = heldCopies.filter((copy) => isPaced(copy.recipient));
      if (paced.length > 0) scheduling.push(schedule(paced, anchor));
      await schedule(
        heldCopies.filter((copy) => !isPaced(copy.recipient)),
        anchor,
      );
      // Then the messages: those to one address in order, the addresses side by side.
      const messages = due.flatMap((item) => (item.type === 'message' ? [item] : []));
      const failedAddresses = new Set<string>();
      await runInLanes(
        lanesBy(messages, (item) => recipientKey(item.message.recipient.email)),
        { limit: () => (breaker.proven ? concurrency : 1), stop },
        async (item) => {
          const address = recipientKey(item.message.recipient.email);
          attempted.add(attemptKey(item.message));
          // A later message to an address must not overtake one that failed unexpectedly: both wait for a later run.
          if (failedAddresses.has(address)) return;
          try {
            await this.deliver(item.message, item.dueKey, report, { suppressed, cache, breaker }, asOf);
          } catch (error) {
            failedAddresses.add(address);
            this.unexpected(
              report,
              'delivering an outbox message failed unexpectedly; a later run tries again',
              { dispatchId: item.message.dispatchId, recipientKey: item.message.recipient.key },
              error,
            );
          }
        },
      );
      if (report.stoppedForTime || report.paused) break;
    }
  }

  /** Expands a dispatch under its claim: 0 when another run took it first. */
  private async expandClaimed(dispatch: OutboxDispatch, dueKey: string): Promise<Expansion> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + expandLeaseMs);
    if (!(await this.repository.claimDispatch(dispatch, dueKey, leaseUntil))) return { created: 0, held: [] };
    try {
      // Its messages fall due from the real now, also in a run replayed with a later --now.
      return await this.repository.expand(dispatch, now, leaseUntil);
    } catch (error) {
      // Due again at once for the next run; if this fails too, the lease runs out and it is due then.
      await this.repository.releaseDispatch(dispatch, leaseUntil, now).catch(() => false);
      throw error;
    }
  }

  /** Counts and logs an unexpected error of a dispatch, a message or a step of the round: ids and the error's name only, never an address. */
  private unexpected(report: DeliveryReport, text: string, ids: Record<string, string>, error: unknown): void {
    report.errors += 1;
    this.logger.error(text, { ...ids, errorName: error instanceof Error ? error.name : typeof error });
  }

  /** Queues again the messages a transport outage failed for good (and, with `includeCheck`, those left to check). */
  requeueFailed(options: RequeueFilter = {}): Promise<RequeueReport> {
    return requeueParked(this.repository, this.suppressions, this.clock.now(), options);
  }

  /** The later of the run's reference time and the clock: a replayed run still sees new work. */
  private later(asOf?: Date): Date {
    const now = this.clock.now();
    return asOf && asOf.getTime() > now.getTime() ? asOf : now;
  }

  /** `round.suppressed`: the round's suppressions by address key; an address refused during the round is added to it. */
  private async deliver(
    message: OutboxMessage,
    dueKey: string,
    report: DeliveryReport,
    round: { suppressed: Map<string, Suppression>; cache: RoundCache; breaker: { consecutive: number; proven: boolean } },
    asOf?: Date,
  ): Promise<void> {
    if (message.claimedBy !== undefined) {
      // An earlier claim ran out without a result: the transport may have accepted it. Not again.
      if (await this.repository.markCheck(message, dueKey, this.clock.now())) {
        report.checked += 1;
        this.logger.warn('outbox message left to check: an earlier claim ran out without a result', {
          dispatchId: message.dispatchId,
          recipientKey: message.recipient.key,
        });
      } else {
        report.skipped += 1;
      }
      return;
    }
    if (message.supersededBy !== undefined) {
      // Decided on the item already read: one write instead of the claim, and never a send.
      await this.withdrawSuperseded(message, dueKey, report);
      return;
    }
    const token = randomUUID();
    // Leases and retries count in real time, also in a run replayed with a later --now.
    const claimed = await this.repository.claim(message, dueKey, new Date(this.clock.now().getTime() + this.settings.leaseMs), token);
    if (!claimed) {
      report.skipped += 1;
      return;
    }
    const handedOver = { done: false };
    try {
      await this.deliverClaimed(message, token, report, round, handedOver, asOf);
    } catch (error) {
      // Not handed to the transport: give the claim back, so a later run sends it instead of its
      // lease running out into CHECK. If even that fails, the lease does run out: checked, not lost.
      if (!handedOver.done) await this.repository.release(message, token, this.clock.now()).catch(() => false);
      throw error;
    }
  }

  private async deliverClaimed(
    message: OutboxMessage,
    token: string,
    report: DeliveryReport,
    round: { suppressed: Map<string, Suppression>; cache: RoundCache; breaker: { consecutive: number; proven: boolean } },
    handedOver: { done: boolean },
    asOf?: Date,
  ): Promise<void> {
    const { suppressed } = round;
    const now = this.later(asOf);
    const attempt = message.attempts + 1;
    const log = this.logger.child({ dispatchId: message.dispatchId, recipientKey: message.recipient.key, attempt });
    const fence = (written: boolean) => {
      if (!written) {
        report.fenced += 1;
        log.warn('outbox result not written: another run holds the claim or recorded a result');
      }
      return written;
    };
    const suppression = suppressed.get(recipientKey(message.recipient.email));
    if (suppression?.reason === 'ERASED') {
      // The person asked to be forgotten: no copy with their address stays behind.
      await this.repository.forgetCopy(message.dispatchId, message.recipient.key);
      report.suppressed += 1;
      log.info('outbox message not sent: address erased');
      return;
    }
    if (suppression) {
      if (
        fence(
          await this.repository.markFailed(message, token, { code: `SUPPRESSED_${suppression.reason}`, permanent: true }, this.clock.now()),
        )
      ) {
        report.suppressed += 1;
        log.info('outbox message not sent: address suppressed', { reason: suppression.reason });
      }
      return;
    }
    let result: SendResult;
    try {
      const rendered = await render(this.renderers, message, now, round.cache);
      if (!rendered) throw new Error(`no renderer for outbox kind ${message.kind}`);
      if ('withdraw' in rendered) {
        if (fence(await this.repository.markWithdrawn(message, token, rendered.withdraw, this.clock.now()))) {
          report.withdrawn += 1;
          log.info('outbox message withdrawn', { kind: message.kind, reason: rendered.withdraw });
        }
        return;
      }
      result = await this.mailer.send({
        ...rendered,
        messageId: messageIdFor(message.dispatchId, message.recipient.key, this.settings.messageIdDomain),
        from: this.settings.from,
        to: message.recipient.name ? { name: message.recipient.name, address: message.recipient.email } : message.recipient.email,
      });
    } catch (error) {
      await this.failed(message, token, attempt, now, error, report, round, log, fence);
      return;
    }
    handedOver.done = true;
    round.breaker.consecutive = 0;
    round.breaker.proven = true;
    // Accepted: from here on the message must never count as failed. The record has retries of its
    // own; if they all fail, the claim runs out into CHECK instead of a resend.
    const recorded = await this.recordSent(message, token, result.messageId, log);
    if (recorded === 'unrecorded') {
      report.unrecorded += 1;
    } else if (fence(recorded === 'written')) {
      report.sent += 1;
      log.info('outbox message sent', { kind: message.kind });
    }
  }

  private async withdrawSuperseded(message: OutboxMessage, dueKey: string, report: DeliveryReport): Promise<void> {
    if (!(await this.repository.withdrawSuperseded(message, dueKey, this.clock.now()))) {
      report.skipped += 1;
      return;
    }
    report.withdrawn += 1;
    report.superseded += 1;
    this.logger.info('outbox message withdrawn: a newer version superseded it', {
      dispatchId: message.dispatchId,
      recipientKey: message.recipient.key,
      supersededBy: message.supersededBy,
    });
  }

  private async recordSent(
    message: OutboxMessage,
    token: string,
    providerMessageId: string,
    log: Logger,
  ): Promise<'written' | 'fenced' | 'unrecorded'> {
    const delays = this.settings.recordRetryDelaysMs ?? defaultRecordRetryDelaysMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return (await this.repository.markSent(message, token, this.clock.now(), providerMessageId)) ? 'written' : 'fenced';
      } catch (error) {
        if (attempt >= delays.length) {
          log.error('outbox send accepted but not recorded: its claim will run out into CHECK, not a resend', { error });
          return 'unrecorded';
        }
        log.warn('recording an accepted send failed; trying again', { error });
        await sleep(delays[attempt]);
      }
    }
  }

  private async failed(
    message: OutboxMessage,
    token: string,
    attempt: number,
    now: Date,
    error: unknown,
    report: DeliveryReport,
    round: { suppressed: Map<string, Suppression>; breaker: { consecutive: number; proven: boolean } },
    log: Logger,
    fence: (written: boolean) => boolean,
  ): Promise<void> {
    const delivery = error instanceof MailDeliveryError ? error : undefined;
    const permanent = delivery?.permanent ?? false;
    const transport = delivery?.transport ?? false;
    const code = delivery?.source ?? 'RENDER_OR_SEND_ERROR';
    round.breaker.consecutive = transport ? round.breaker.consecutive + 1 : 0;
    // An unproven transport again: one message at a time until a send is accepted.
    if (transport) round.breaker.proven = false;
    // Only a mail server's refusal marks the address; SES bounces arrive as events (ses-events).
    if (delivery?.refusedByServer) {
      const recorded = await this.suppressions.suppress(message.recipient.email, 'BOUNCED', code, this.clock.now());
      round.suppressed.set(recorded.addressKey, recorded);
    }
    if (permanent || attempt >= this.settings.maxAttempts) {
      if (fence(await this.repository.markFailed(message, token, { code, permanent, transport }, this.clock.now()))) {
        report.failed += 1;
        log.error('outbox message failed for good', { code, permanent, transport, error });
      }
    } else if (
      fence(
        await this.repository.scheduleRetry(
          message,
          token,
          new Date(this.clock.now().getTime() + retryDelayMs(attempt)),
          { code },
          this.clock.now(),
        ),
      )
    ) {
      report.retried += 1;
      log.warn('outbox message will be retried', { code, transport, error });
    }
  }
}
