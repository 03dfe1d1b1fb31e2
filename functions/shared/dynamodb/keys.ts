/**
 * Every key string of the single table lives here; docs/data-model.md documents them.
 * Repositories build keys only through these functions.
 */
export const keys = {
  partner: (id: string) => ({ PK: `PARTNER#${id}`, SK: 'PARTNER' }),
  partnerCollection: (name: string, id: string) => ({ GSI1PK: 'PARTNERS', GSI1SK: `${name.toLocaleLowerCase('nl-BE')}#${id}` }),
  partnersPartition: 'PARTNERS',

  meeting: (id: string) => ({ PK: `MEETING#${id}`, SK: 'MEETING' }),
  meetingCollection: (startsAtIso: string, id: string) => ({ GSI1PK: 'MEETINGS', GSI1SK: `${startsAtIso}#${id}` }),
  meetingsPartition: 'MEETINGS',
  // A meeting's reminders (issue 13), one item per kind beside the meeting; a pending one sits on
  // byDueTime under MEETINGREMINDERS until the send-meeting-reminders job claims or voids it.
  meetingReminder: (meetingId: string, kind: string) => ({ PK: `MEETING#${meetingId}`, SK: `REMINDER#${kind}` }),
  meetingReminderDue: (dueAtIso: string, meetingId: string, kind: string) => ({
    GSI2PK: 'MEETINGREMINDERS',
    GSI2SK: `${dueAtIso}#${meetingId}#${kind}`,
  }),
  meetingRemindersPartition: 'MEETINGREMINDERS',

  standingThemes: () => ({ PK: 'CONFIG', SK: 'STANDING_THEMES' }),

  calendarFeed: (tokenHash: string) => ({ PK: `FEED#${tokenHash}`, SK: 'FEED' }),
  calendarFeedOwner: (viewerId: string) => ({ PK: `FEEDOWNER#${viewerId}`, SK: 'FEEDOWNER' }),

  outboxDispatch: (dispatchId: string) => ({ PK: `OUTBOX#${dispatchId}`, SK: 'DISPATCH' }),
  outboxMessage: (dispatchId: string, recipientKey: string) => ({ PK: `OUTBOX#${dispatchId}`, SK: `MESSAGE#${recipientKey}` }),
  outboxDue: (dueAtIso: string, dispatchId: string, suffix: string) => ({
    GSI2PK: 'OUTBOX',
    GSI2SK: `${dueAtIso}#${dispatchId}#${suffix}`,
  }),
  outboxPartition: 'OUTBOX',
  /** The newest version of a series (e.g. a meeting) expanded for one recipient: older messages are withdrawn. */
  outboxSeriesLatest: (series: string, recipientKey: string) => ({ PK: `OUTBOXSERIES#${series}`, SK: `RECIPIENT#${recipientKey}` }),
  /** Messages failed by a transport outage or left to check: on the due index, never due, to be queued again. */
  outboxRequeuePartition: 'OUTBOX#REQUEUE',

  suppression: (addressKey: string) => ({ PK: `SUPPRESSION#${addressKey}`, SK: 'SUPPRESSION' }),

  // Personal data (issue 10): where an address is stored under a key that does not name it (an
  // outbox copy, a calendar feed), a pointer item in the address's own partition says where, so
  // personalData and erasePerson find it with one Query instead of a scan.
  personPointer: (addressKey: string, target: string) => ({ PK: `PERSON#${addressKey}`, SK: target }),
  personPartition: (addressKey: string) => `PERSON#${addressKey}`,
  personOutboxTarget: (dispatchId: string) => `OUTBOX#${dispatchId}`,
  personFeedTarget: (viewerId: string) => `FEEDOWNER#${viewerId}`,

  // Buurtbabbels (issue 5): neighbourhood entrepreneurs and the buurtbabbels they are invited to.
  // A neighbour is keyed by the hash of its normalised address, so one address is one contact even
  // when two imports run at once (the write is conditional on the key being new).
  neighbour: (addressKey: string) => ({ PK: `NEIGHBOUR#${addressKey}`, SK: 'NEIGHBOUR' }),
  neighbourCollection: (businessName: string, id: string) => ({
    GSI1PK: 'NEIGHBOURS',
    GSI1SK: `${businessName.toLocaleLowerCase('nl-BE')}#${id}`,
  }),
  neighboursPartition: 'NEIGHBOURS',
  /**
   * An opted-out contact on the due index until its details shrink to the suppression hash
   * (`optOutGraceDays` after the opt-out); opting in again takes it off.
   */
  neighbourRetentionDue: (dueAtIso: string, id: string) => ({ GSI2PK: 'NEIGHBOURRETENTION', GSI2SK: `${dueAtIso}#${id}` }),
  neighbourRetentionDuePartition: 'NEIGHBOURRETENTION',

  buurtbabbel: (id: string) => ({ PK: `BUURTBABBEL#${id}`, SK: 'BUURTBABBEL' }),
  buurtbabbelCollection: (startsAtIso: string, id: string) => ({ GSI1PK: 'BUURTBABBELS', GSI1SK: `${startsAtIso}#${id}` }),
  buurtbabbelsPartition: 'BUURTBABBELS',
  /** The next mailing round of a buurtbabbel (invitations, then reminders) on the due index. */
  buurtbabbelDue: (dueAtIso: string, id: string, round: string) => ({ GSI2PK: 'BUURTBABBELS', GSI2SK: `${dueAtIso}#${id}#${round}` }),
  buurtbabbelDuePartition: 'BUURTBABBELS',

  /** A neighbour's answer to (and attendance of) one buurtbabbel; stored beside the buurtbabbel. */
  buurtbabbelGuest: (buurtbabbelId: string, neighbourId: string) => ({ PK: `BUURTBABBEL#${buurtbabbelId}`, SK: `GUEST#${neighbourId}` }),
  buurtbabbelGuestPrefix: 'GUEST#',
  /** A neighbour's history: its guest items across buurtbabbels, by start time. */
  neighbourHistory: (neighbourId: string, startsAtIso: string, buurtbabbelId: string) => ({
    GSI1PK: `NEIGHBOURHISTORY#${neighbourId}`,
    GSI1SK: `${startsAtIso}#${buurtbabbelId}`,
  }),
  neighbourHistoryPartition: (neighbourId: string) => `NEIGHBOURHISTORY#${neighbourId}`,

  // Projects: a project item holds its engagements, its latest consolidation reviews and the count
  // of its decisions. It is listed by status then name, and sits on byDueTime under REVIEWS while a
  // review email is due. Its reviews and decisions (lists that grow without bound) are items of their
  // own in the project's partition, so one Query reads the project with its whole log (issue 11).
  project: (id: string) => ({ PK: `PROJECT#${id}`, SK: 'PROJECT' }),
  projectPartition: (id: string) => `PROJECT#${id}`,
  /** Zero-padded, so the partition sorts reviews by number. */
  projectReview: (projectId: string, number: number) => ({ PK: `PROJECT#${projectId}`, SK: `REVIEW#${String(number).padStart(6, '0')}` }),
  projectReviewPrefix: 'REVIEW#',
  /** Sorted by when it was recorded, then its place in the log as its writer knew it (ties within a millisecond). */
  projectDecision: (projectId: string, recordedAtIso: string, order: number, decisionId: string) => ({
    PK: `PROJECT#${projectId}`,
    SK: `DECISION#${recordedAtIso}#${String(order).padStart(6, '0')}#${decisionId}`,
  }),
  projectDecisionPrefix: 'DECISION#',
  projectCollection: (status: string, name: string, id: string) => ({
    GSI1PK: 'PROJECTS',
    GSI1SK: `${status}#${name.toLocaleLowerCase('nl-BE')}#${id}`,
  }),
  projectsWithStatus: (status: string) => ({ from: `${status}#`, to: `${status}#\uffff` }),
  projectsPartition: 'PROJECTS',
  reviewDue: (dueAtIso: string, projectId: string) => ({ GSI2PK: 'REVIEWS', GSI2SK: `${dueAtIso}#${projectId}` }),
  reviewsPartition: 'REVIEWS',
  // Agenda items decided while no meeting is planned; scheduling the next meeting takes them over.
  nextMeetingAgenda: () => ({ PK: 'CONFIG', SK: 'NEXT_MEETING_AGENDA' }),

  // The idea matrix (issue 14): one partition per session holds the session, its ideas, each
  // participant's vote budget and votes. The session and ideas sit on byCollection under the
  // session's change feed, sorted by when they last changed; a listing copy orders the sessions.
  matrixSessionPartition: (sessionId: string) => `MATRIX#${sessionId}`,
  matrixSession: (sessionId: string) => ({ PK: `MATRIX#${sessionId}`, SK: 'SESSION' }),
  matrixSessionListing: (sessionId: string) => ({ PK: `MATRIX#${sessionId}`, SK: 'LISTING' }),
  matrixSessionCollection: (createdAtIso: string, sessionId: string) => ({
    GSI1PK: 'MATRIXSESSIONS',
    GSI1SK: `${createdAtIso}#${sessionId}`,
  }),
  matrixSessionsPartition: 'MATRIXSESSIONS',
  matrixIdea: (sessionId: string, ideaId: string) => ({ PK: `MATRIX#${sessionId}`, SK: `IDEA#${ideaId}` }),
  matrixParticipant: (sessionId: string, participantKey: string) => ({ PK: `MATRIX#${sessionId}`, SK: `PARTICIPANT#${participantKey}` }),
  matrixVote: (sessionId: string, ideaId: string, participantKey: string) => ({
    PK: `MATRIX#${sessionId}`,
    SK: `VOTE#${ideaId}#${participantKey}`,
  }),
  matrixChange: (sessionId: string, changeSortKey: string) => ({ GSI1PK: `MATRIXCHANGES#${sessionId}`, GSI1SK: changeSortKey }),
  matrixChangesPartition: (sessionId: string) => `MATRIXCHANGES#${sessionId}`,

  // Hardening (issue 10): a caller's request count in one minute (expires by TTL).
  callerBudget: (callerKey: string, minute: string) => ({ PK: `BUDGET#${callerKey}`, SK: `MINUTE#${minute}` }),
} as const;
