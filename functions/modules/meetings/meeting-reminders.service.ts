import type { Clock } from '../../shared/clock';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import type { OutboxRepository } from '../outbox/outbox.repository';
import type { PartnersRepository } from '../partners/partners.repository';
import type { MeetingRecord } from './meeting';
import { planCoordinatorReminderDispatch, planPartnerReminderDispatch } from './meeting-reminder-dispatch';
import {
  partnerReminderRecipients,
  reminderStillApplies,
  statusFor,
  type MeetingReminderRecord,
  type MeetingReminderSettings,
} from './meeting-reminders';
import type { DueReminder, MeetingRemindersRepository } from './meeting-reminders.repository';
import type { MeetingsRepository } from './meetings.repository';

export interface MeetingRemindersJobSettings {
  uidDomain: string;
  /** Who gets the coordinator's reminders (COORDINATOR_EMAIL: a person's mailbox). */
  coordinator: { email: string; name?: string };
  reminders: MeetingReminderSettings;
}

export interface MeetingRemindersReport {
  /** Agenda mails sent to the invited partners (one per meeting). */
  agenda: number;
  /** Reminders on the meeting day. */
  day: number;
  /** Coordinator told that the outcome is still missing (3 and 7 days after). */
  minutes: number;
  /** Coordinator told that no next meeting was agreed. */
  nextDate: number;
  /** Reminders that no longer applied (meeting moved, cancelled, held, start passed) or had nobody to go to. */
  voided: number;
  /** Reminders another run (or a change of the meeting) took first. */
  skipped: number;
}

const maxJobRounds = 50;
const jobBatchSize = 25;

/**
 * The meeting-reminder job: takes every reminder that is due at `asOf` (the clock's time when left
 * out), found by key on the due index. Safe at any time, any number of times, also two runs at
 * once: each reminder is claimed and its outbox dispatch written in one transaction, on condition
 * that the reminder is still the one found and the meeting still stands as it says; of two runs one
 * wins, and the other finds nothing left. The mail is due at the real now (a run with a future
 * `--now` still sends now).
 */
export class MeetingRemindersService {
  constructor(
    private readonly reminders: MeetingRemindersRepository,
    private readonly meetings: MeetingsRepository,
    private readonly partners: PartnersRepository,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly settings: MeetingRemindersJobSettings,
  ) {}

  async sendDueReminders(asOf?: Date): Promise<MeetingRemindersReport> {
    const now = asOf ?? this.clock.now();
    const report: MeetingRemindersReport = { agenda: 0, day: 0, minutes: 0, nextDate: 0, voided: 0, skipped: 0 };
    for (let round = 0; round < maxJobRounds; round += 1) {
      const due = await this.reminders.findDue(now, jobBatchSize);
      if (due.length === 0) break;
      const meetings = await this.meetings.getMany([...new Set(due.map((item) => item.reminder.meetingId))]);
      let progressed = false;
      for (const item of due) {
        const outcome = await this.take(item, meetings.get(item.reminder.meetingId), now);
        report[outcome] += 1;
        progressed ||= outcome !== 'skipped';
      }
      // The index may still show what another run just took; it will not hold new work.
      if (!progressed) break;
    }
    return report;
  }

  private async take(due: DueReminder, meeting: MeetingRecord | undefined, now: Date): Promise<keyof MeetingRemindersReport> {
    const { reminder } = due;
    if (!meeting || !reminderStillApplies(reminder, meeting, now)) return (await this.reminders.markVoid(due)) ? 'voided' : 'skipped';
    const dispatch = await this.plan(reminder, meeting);
    if (!dispatch) return (await this.reminders.markVoid(due)) ? 'voided' : 'skipped';
    const sentAt = this.clock.now();
    const items: TransactItem[] = [
      this.reminders.claimEntry(due, sentAt.toISOString()),
      this.outbox.dispatchPut(dispatch, sentAt),
      this.meetings.standsAsCheck(meeting.id, {
        status: statusFor(reminder.kind),
        startsAt: reminder.kind === 'next-date' ? undefined : reminder.startsAt,
        withoutNextMeeting: reminder.kind === 'next-date',
      }),
    ];
    // Claimed by another run, rewritten or voided by a change of the meeting: the next run sees what is left.
    if (!(await this.reminders.claim(items))) return 'skipped';
    if (reminder.kind === 'agenda') return 'agenda';
    if (reminder.kind === 'day') return 'day';
    return reminder.kind === 'next-date' ? 'nextDate' : 'minutes';
  }

  private async plan(reminder: MeetingReminderRecord, meeting: MeetingRecord) {
    const now = this.clock.now();
    if (reminder.kind === 'agenda' || reminder.kind === 'day') {
      const kind = reminder.kind;
      const proposers = meeting.agenda.map((item) => item.proposedBy).filter((id): id is string => id !== undefined);
      const partners = await this.partners.getMany([...new Set([...partnerReminderRecipients(kind, meeting), ...proposers])]);
      return planPartnerReminderDispatch({
        reminder: { ...reminder, kind },
        meeting,
        partners,
        uidDomain: this.settings.uidDomain,
        daysBefore: this.settings.reminders.agendaDaysBefore,
        now,
      });
    }
    return planCoordinatorReminderDispatch({
      reminder: { ...reminder, kind: reminder.kind },
      meeting,
      coordinator: this.settings.coordinator,
      now,
    });
  }
}
