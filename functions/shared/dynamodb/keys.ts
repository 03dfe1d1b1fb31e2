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

  standingThemes: () => ({ PK: 'CONFIG', SK: 'STANDING_THEMES' }),

  calendarFeed: (tokenHash: string) => ({ PK: `FEED#${tokenHash}`, SK: 'FEED' }),
  calendarFeedOwner: (viewerId: string) => ({ PK: `FEEDOWNER#${viewerId}`, SK: 'FEEDOWNER' }),

  outboxDispatch: (dispatchId: string) => ({ PK: `OUTBOX#${dispatchId}`, SK: 'DISPATCH' }),
  outboxMessage: (dispatchId: string, recipientKey: string) => ({ PK: `OUTBOX#${dispatchId}`, SK: `MESSAGE#${recipientKey}` }),
  outboxDue: (dueAtIso: string, dispatchId: string, suffix: string) => ({ GSI2PK: 'OUTBOX', GSI2SK: `${dueAtIso}#${dispatchId}#${suffix}` }),
  outboxPartition: 'OUTBOX',

  suppression: (addressKey: string) => ({ PK: `SUPPRESSION#${addressKey}`, SK: 'SUPPRESSION' }),
} as const;
