import type { ScheduledJob } from './scheduled-job';
import { keys } from '../shared/dynamodb/keys';

/** Every scheduled job of the system. The local stack, `npm run job` and the CDK app read this list. */
export const scheduledJobs: readonly ScheduledJob[] = [
  {
    name: 'deliver-outbox',
    description:
      'Sends the emails waiting in the outbox (meeting invitations, updates and cancellations, consolidation reviews), retrying refused ones with back-off.',
    schedule: 'rate(1 minute)',
    localIntervalSeconds: 2,
    // Outbox items and the suppression list; buurtbabbel mails re-read their neighbours (BatchGet)
    // and buurtbabbel (GetItem). An expansion reads which copies exist (BatchGet) and writes the
    // others and their pointers by 25 (BatchWriteItem). A refused address is suppressed (PutItem).
    // A copy for an erased address is deleted with its pointer (DeleteItem).
    tableAccess: {
      table: ['GetItem', 'BatchGetItem', 'PutItem', 'BatchWriteItem', 'UpdateItem', 'DeleteItem'],
      queriedIndexes: ['byDueTime'],
    },
    sendsMail: true,
    usesLinkSigningSecret: true,
    runsOnNewItems: { sortKey: keys.outboxDispatch('').SK },
    timeoutSeconds: 300,
    memoryMb: 512,
  },
  {
    name: 'send-buurtbabbel-invitations',
    description:
      'Starts the buurtbabbel mailing rounds that are due: the invitations (invitationDaysBefore days before) and the reminders to those who said yes (two days before), paced, through the outbox. Then shrinks contacts opted out 30 days ago to the hash that keeps them unmailed.',
    schedule: 'rate(15 minutes)',
    localIntervalSeconds: 10,
    // The due rounds, the contacts and the partners (collections), the suppression list and, for
    // reminders, the guests (a Query on the buurtbabbel's key); then one transaction: the
    // buurtbabbel put back (conditional on its version) with the round's outbox dispatches.
    // Retention of opted-out contacts (byDueTime): each contact read again (GetItem), its answers
    // and outbox copies deleted and taken out of their dispatches (GetItem, UpdateItem, DeleteItem),
    // and the contact deleted in one transaction with its suppression hash (DeleteItem, UpdateItem).
    tableAccess: {
      table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      queriedIndexes: ['byDueTime', 'byCollection'],
    },
    sendsMail: false,
    // Its mails' links are signed by deliver-outbox at send time.
    usesLinkSigningSecret: false,
    memoryMb: 384,
  },
  {
    name: 'send-consolidation-reviews',
    description:
      'Asks promoters for the consolidation reviews that fell due, reminds them after 7 and 14 days, and after 21 tells the coordinator and puts the review on the next meeting agenda.',
    schedule: 'cron(0 8 * * ? *)',
    localIntervalSeconds: 60,
    // The due reviews, their partners and whether the promoter's addresses are suppressed
    // (BatchGet), the next planned meeting (byCollection); then
    // one transaction per step: the project (conditional on its version) with the step's outbox
    // dispatch, and for the coordinator's step the agenda item on that meeting.
    tableAccess: { table: ['BatchGetItem', 'PutItem', 'UpdateItem'], queriedIndexes: ['byDueTime', 'byCollection'] },
    sendsMail: false,
    // Its mails' links are signed by deliver-outbox at send time.
    usesLinkSigningSecret: false,
    memoryMb: 384,
  },
  {
    name: 'send-meeting-reminders',
    description:
      'Sends the reminders around each meeting that fell due: the agenda (with the .ics) days before, the reminder on the day, and to the coordinator the missing minutes (3 and 7 days after) and a missing next date (the day after).',
    schedule: 'rate(15 minutes)',
    localIntervalSeconds: 30,
    // The due reminders (byDueTime), their meetings and partners (BatchGet); then one transaction
    // per reminder: the claim (conditional UpdateItem), the outbox dispatch (PutItem) and a check
    // that the meeting still stands as the reminder says (ConditionCheckItem). A reminder that no
    // longer applies is taken off the index (UpdateItem).
    tableAccess: { table: ['BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'], queriedIndexes: ['byDueTime'] },
    sendsMail: false,
    // Its mails' answer links are signed by deliver-outbox at send time.
    usesLinkSigningSecret: false,
    memoryMb: 384,
  },
];
