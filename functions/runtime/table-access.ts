import type { TableAccess } from '../shared/dynamodb/table-access';

/**
 * The table access of the functions that are not scheduled jobs (a job declares its own in
 * scheduled-jobs.ts). The CDK app grants exactly this; test/infra/table-access.test.ts checks that
 * the code paths need no more.
 */
export const apiTableAccess: TableAccess = {
  // Partners, meetings, answers, standing themes, calendar feeds, neighbours and buurtbabbels;
  // changes write their outbox dispatch in the same transaction; replacing a calendar feed deletes
  // the old one; a buurtbabbel's guests and a neighbour's history are a Query on the table's key.
  // A matrix vote, idea or comment is written on condition that its session is open (ConditionCheck).
  // erasePerson reads the outbox dispatches not yet expanded (a Query of the outbox on byDueTime).
  table: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
  queriedIndexes: ['byCollection', 'byDueTime'],
};

export const calendarFeedTableAccess: TableAccess = {
  // The feed by the hash of its secret, its owner's partner (a BatchGet of one, to re-check it), the
  // day of use (a conditional update, at most once a day), then the meetings from 90 days back.
  table: ['GetItem', 'BatchGetItem', 'UpdateItem'],
  queriedIndexes: ['byCollection'],
};

export const sesEventsTableAccess: TableAccess = {
  // SuppressionsRepository.suppress: a conditional put, and a read of the first verdict when one exists.
  table: ['PutItem', 'GetItem'],
  queriedIndexes: [],
};

export const inboundMailTableAccess: TableAccess = {
  // The meeting by its UID, its invited partners (BatchGet), the answer (a conditional update), and
  // the note on an outdated reply: an outbox dispatch put in a one-item transaction.
  table: ['GetItem', 'BatchGetItem', 'UpdateItem', 'PutItem'],
  queriedIndexes: [],
};
