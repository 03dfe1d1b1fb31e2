import type { Logger } from '../../shared/logger';
import { parseSesEvent, verdictsOf } from './ses-event';
import type { SuppressionsRepository } from './suppressions.repository';

/** One notification as SNS delivers it: its id (for the log) and the SES event it carries, as JSON. */
export interface SesNotification {
  messageId: string;
  message: string;
}

export interface SesEventsResult {
  suppressed: number;
  /** Events that ask for nothing: deliveries, transient bounces. */
  ignored: number;
  /** Messages that are not SES events; logged and dropped, since a retry cannot fix them. */
  unreadable: number;
}

export class SuppressionsService {
  constructor(
    private readonly suppressions: SuppressionsRepository,
    private readonly logger: Logger,
  ) {}

  /**
   * SES bounce and complaint events (through SNS, from the configuration set every mail is sent
   * with): a permanent bounce or a complaint puts the address on the suppression list, which the
   * outbox checks before every send. Recording an address twice keeps the first verdict, so SNS
   * redelivering a message is harmless.
   */
  async recordSesEvents(notifications: readonly SesNotification[]): Promise<SesEventsResult> {
    const result: SesEventsResult = { suppressed: 0, ignored: 0, unreadable: 0 };
    for (const notification of notifications) {
      let verdicts;
      try {
        verdicts = verdictsOf(parseSesEvent(notification.message));
      } catch (error) {
        result.unreadable += 1;
        this.logger.warn('SNS message is not a readable SES event', { messageId: notification.messageId, error });
        continue;
      }
      if (verdicts.length === 0) result.ignored += 1;
      for (const verdict of verdicts) {
        const recorded = await this.suppressions.suppress(verdict.email, verdict.reason, verdict.source, verdict.at);
        result.suppressed += 1;
        this.logger.info('address suppressed', { addressKey: recorded.addressKey, reason: recorded.reason, source: recorded.source });
      }
    }
    return result;
  }
}
