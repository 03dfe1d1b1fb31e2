import { requireRole } from '../../shared/auth/authorize';
import type { Viewer } from '../../shared/auth/viewer';
import type { Clock } from '../../shared/clock';
import { UserInputError } from '../../shared/errors';
import type { SuppressionsRepository } from '../suppressions/suppressions.repository';
import type { OutboxRepository } from './outbox.repository';
import { requeueParked, type RequeueReport } from './outbox-requeue';

export interface RequeueFailedMailCommand {
  since: Date;
  kind?: string | null;
}

/** What a coordinator may do with the outbox: queue again the mail an outage failed. */
export class OutboxService {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly suppressions: SuppressionsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * After a transport outage: the messages it failed for good since `since` (of one kind when
   * given) are queued again, as `npm run job -- retry-failed` does. Coordinators only. Bounces and
   * suppressed addresses stay as they are; messages left to check are not included (a person
   * checks those first).
   */
  async requeueFailedMail(viewer: Viewer | undefined, input: RequeueFailedMailCommand): Promise<RequeueReport> {
    requireRole(viewer, 'COORDINATOR');
    const now = this.clock.now();
    if (input.since.getTime() > now.getTime()) {
      throw UserInputError.single(
        'SINCE_IN_FUTURE',
        'Kies een moment in het verleden: vanaf wanneer mislukte mails opnieuw verstuurd worden.',
        ['input', 'since'],
      );
    }
    const kind = input.kind?.trim() || undefined;
    return requeueParked(this.repository, this.suppressions, now, { since: input.since, kind });
  }
}
