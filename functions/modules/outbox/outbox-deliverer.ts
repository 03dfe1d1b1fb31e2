import type { Mailer, OutgoingEmail } from '../../mail/mailer';
import { MailDeliveryError } from '../../mail/mailer';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Suppression } from '../suppressions/suppression';
import type { SuppressionsRepository } from '../suppressions/suppressions.repository';
import { forEachConcurrently } from '../../shared/concurrency';
import { recipientKey } from '../../shared/recipient-key';
import { messageIdFor, retryDelayMs, type OutboxKind, type OutboxMessage, type OutboxMessageOf } from './outbox';
import type { OutboxRepository } from './outbox.repository';

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
}

function newRoundCache(): RoundCache {
  const loaded = new Map<string, Promise<unknown>>();
  return {
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!loaded.has(key)) loaded.set(key, load());
      return loaded.get(key) as Promise<T>;
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
  /**
   * Messages of a round sent at the same time (each still claimed before and recorded after its
   * send): one at a time, a mailing waits on every round trip to the mail server and the table.
   */
  concurrency: number;
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
  /** Messages their renderer withdrew at send time (no longer wanted). */
  withdrawn: number;
}

const maxRounds = 50;

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
  async deliverDue(asOf?: Date): Promise<DeliveryReport> {
    const report: DeliveryReport = { expanded: 0, sent: 0, retried: 0, failed: 0, suppressed: 0, skipped: 0, withdrawn: 0 };
    for (let round = 0; round < maxRounds; round += 1) {
      const now = this.later(asOf);
      const due = await this.repository.findDue(now, this.settings.batchSize);
      if (due.length === 0) break;
      // The suppression list for the whole round: one BatchGet instead of one GetItem per message.
      const suppressed = await this.suppressions.findMany(
        due.flatMap((item) => (item.type === 'message' ? [item.message.recipient.email] : [])),
      );
      const cache = newRoundCache();
      for (const item of due) if (item.type === 'dispatch') report.expanded += await this.repository.expand(item.dispatch, now);
      // Messages to one address go one after the other (a refusal of the first spares the rest);
      // different addresses at the same time.
      const byAddress = new Map<string, Array<{ message: OutboxMessage; dueKey: string }>>();
      for (const item of due) {
        if (item.type !== 'message') continue;
        const key = recipientKey(item.message.recipient.email);
        byAddress.set(key, [...(byAddress.get(key) ?? []), item]);
      }
      await forEachConcurrently([...byAddress.values()], this.settings.concurrency, async (items) => {
        for (const item of items) await this.deliver(item.message, item.dueKey, report, { suppressed, cache }, asOf);
      });
    }
    return report;
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
    round: { suppressed: Map<string, Suppression>; cache: RoundCache },
    asOf?: Date,
  ): Promise<void> {
    const { suppressed } = round;
    const now = this.later(asOf);
    const claimed = await this.repository.claim(message, dueKey, new Date(now.getTime() + this.settings.leaseMs));
    if (!claimed) {
      report.skipped += 1;
      return;
    }
    const attempt = message.attempts + 1;
    const log = this.logger.child({ dispatchId: message.dispatchId, recipientKey: message.recipient.key, attempt });
    const suppression = suppressed.get(recipientKey(message.recipient.email));
    if (suppression) {
      await this.repository.markFailed(message, { code: `SUPPRESSED_${suppression.reason}`, permanent: true }, this.clock.now());
      report.suppressed += 1;
      log.info('outbox message not sent: address suppressed', { reason: suppression.reason });
      return;
    }
    try {
      const rendered = await render(this.renderers, message, now, round.cache);
      if (!rendered) throw new Error(`no renderer for outbox kind ${message.kind}`);
      if ('withdraw' in rendered) {
        await this.repository.markWithdrawn(message, rendered.withdraw, this.clock.now());
        report.withdrawn += 1;
        log.info('outbox message withdrawn', { kind: message.kind, reason: rendered.withdraw });
        return;
      }
      const result = await this.mailer.send({
        ...rendered,
        messageId: messageIdFor(message.dispatchId, message.recipient.key, this.settings.messageIdDomain),
        from: this.settings.from,
        to: message.recipient.name ? { name: message.recipient.name, address: message.recipient.email } : message.recipient.email,
      });
      await this.repository.markSent(message, this.clock.now(), result.messageId);
      report.sent += 1;
      log.info('outbox message sent', { kind: message.kind });
    } catch (error) {
      const permanent = error instanceof MailDeliveryError && error.permanent;
      const code = error instanceof MailDeliveryError ? error.source : 'RENDER_OR_SEND_ERROR';
      // Only a mail server's refusal marks the address; SES bounces arrive as events (ses-events).
      if (error instanceof MailDeliveryError && error.refusedByServer) {
        const recorded = await this.suppressions.suppress(message.recipient.email, 'BOUNCED', code, this.clock.now());
        suppressed.set(recorded.addressKey, recorded);
      }
      if (permanent || attempt >= this.settings.maxAttempts) {
        await this.repository.markFailed(message, { code, permanent }, this.clock.now());
        report.failed += 1;
        log.error('outbox message failed for good', { code, permanent, error });
      } else {
        await this.repository.scheduleRetry(message, new Date(now.getTime() + retryDelayMs(attempt)), { code }, this.clock.now());
        report.retried += 1;
        log.warn('outbox message will be retried', { code, error });
      }
    }
  }
}
