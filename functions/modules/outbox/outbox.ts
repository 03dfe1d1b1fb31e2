/**
 * The outbox: what must be emailed, recorded in the same DynamoDB transaction as the change that
 * caused it, and delivered by the `deliver-outbox` job. A *dispatch* is one change (e.g. version 3
 * of a meeting) with its recipients; the job expands it into one *message* per recipient, keyed so
 * that each (dispatch, recipient) pair exists once, and sends each message once.
 */

/**
 * Every kind of dispatch, with what its renderer reads: the payload its messages share and the data
 * of each recipient. The key is the dispatch's `kind`. Each module adds its own kinds from its
 * dispatch file (`declare module '../outbox/outbox' { interface OutboxKinds { ... } }`), so the
 * outbox knows no module while the compiler still checks planner and renderer against each other.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the modules' declaration merging
export interface OutboxKinds {}

export type OutboxKind = keyof OutboxKinds;

export interface OutboxRecipient<Data = unknown> {
  /** Dedupe key within the dispatch: a hash of the address (no personal data in keys or logs). */
  key: string;
  email: string;
  name?: string;
  /** What the renderer needs to know about this recipient (e.g. REQUEST or CANCEL). */
  data: Data;
  /**
   * Not to be sent sooner than this many milliseconds after the dispatch is expanded into messages.
   * A bulk mailing spaces its recipients this way (pacing): each message waits on the due index
   * like any other, so the pace survives a job that dies. Relative to the expansion, not to the
   * moment the dispatch was written, so a dispatch expanded late (the job was down) keeps its pace
   * instead of falling due all at once.
   */
  delayMs?: number;
}

export interface OutboxDispatchOf<K extends OutboxKind> {
  /** Unique per cause, e.g. `meeting.<id>.v3`: writing the same dispatch twice is refused. */
  id: string;
  /** Which renderer turns its messages into emails. */
  kind: K;
  payload: OutboxKinds[K]['payload'];
  recipients: OutboxRecipient<OutboxKinds[K]['recipientData']>[];
  createdAt: string;
  /**
   * Set when the dispatch is one version of a thing whose later versions replace it (a meeting's
   * invitation, update, cancellation): a recipient's message of an older version that has not left
   * when a newer version's message for the same recipient is expanded is withdrawn, never sent.
   */
  series?: OutboxSeries;
}

/** Which thing a dispatch is a version of (e.g. `meeting.<id>`), and which version (higher is newer). */
export interface OutboxSeries {
  key: string;
  version: number;
}

/** A dispatch of any kind; `kind` tells which payload and recipient data it holds. */
export type OutboxDispatch = { [K in OutboxKind]: OutboxDispatchOf<K> }[OutboxKind];

/**
 * WITHDRAWN: its renderer found, at send time, that the mail is no longer wanted (e.g. an opt-out),
 * or a newer version of the same thing for the same recipient superseded it before it left.
 * CHECK: a run claimed it and its lease ran out without a recorded result: the transport may have
 * accepted it (the run died, or could not record the send), so it is not sent again on its own; a
 * person checks and may queue it again (`OutboxDeliverer.requeueFailed({ includeCheck: true })`).
 */
export type MessageStatus = 'PENDING' | 'SENT' | 'FAILED' | 'WITHDRAWN' | 'CHECK';

export interface OutboxMessageOf<K extends OutboxKind> {
  dispatchId: string;
  kind: K;
  payload: OutboxKinds[K]['payload'];
  recipient: OutboxRecipient<OutboxKinds[K]['recipientData']>;
  status: MessageStatus;
  attempts: number;
  createdAt: string;
  sentAt?: string;
  lastError?: { code: string; permanent: boolean; at: string; transport?: boolean };
  /** The token of the run that holds (or last held) the claim; results are written only under it. */
  claimedBy?: string;
  /** The dispatch id of a newer version for the same recipient: this message is withdrawn, not sent. */
  supersededBy?: string;
}

/** A message of any kind; `kind` tells which payload and recipient data it holds. */
export type OutboxMessage = { [K in OutboxKind]: OutboxMessageOf<K> }[OutboxKind];

/** Which parked messages a requeue takes: failed since `since`, of `kind`, and (with `includeCheck`) those left to check. */
export interface RequeueFilter {
  since?: Date;
  kind?: string;
  includeCheck?: boolean;
}

/**
 * Whether a parked message may be queued again: a failure the transport caused (an outage), never a
 * refusal of the address (a bounce), matching the filter. Suppressed addresses are the caller's to
 * leave out (the suppression list is read per batch).
 */
export function isRequeueable(message: OutboxMessage, filter: RequeueFilter): boolean {
  if (message.status === 'CHECK') {
    if (!filter.includeCheck) return false;
  } else if (message.status !== 'FAILED' || !message.lastError?.transport) {
    return false;
  }
  if (filter.kind !== undefined && message.kind !== filter.kind) return false;
  if (filter.since && (!message.lastError || new Date(message.lastError.at).getTime() < filter.since.getTime())) return false;
  return true;
}

/**
 * When a message is first due: when it is expanded, or its recipient's delay after that. For a
 * paced mailing `expandedAt` is the moment its copies are all written (`pacingAnchor`), not the
 * moment the expansion began: the first mail cannot leave before then, so counting from the start
 * sent every mail due meanwhile at once and the mailing ran fast by the expansion's duration
 * (6.3 % at 600/min over 300 mails).
 */
export function firstDueAt(recipient: OutboxRecipient, expandedAt: Date): Date {
  return new Date(expandedAt.getTime() + Math.max(0, recipient.delayMs ?? 0));
}

/** Whether a recipient's message waits for the pace of its mailing. */
export function isPaced(recipient: OutboxRecipient): boolean {
  return (recipient.delayMs ?? 0) > 0;
}

/**
 * Where a paced copy waits while its mailing is written: its delay after the end of the
 * expansion's lease, the moment another run would expand the dispatch again if this one died. So
 * the pace holds even then; normally the run moves it to `firstDueAt(recipient, anchor)` at once.
 */
export function provisionalDueAt(recipient: OutboxRecipient, expandingAt: Date, leaseMs: number): Date {
  return firstDueAt(recipient, new Date(expandingAt.getTime() + leaseMs));
}

/** Message-ID of a message: the same on every attempt, so a rare resend is recognisable. */
export function messageIdFor(dispatchId: string, key: string, domain: string): string {
  return `<${dispatchId}.${key}@${domain}>`;
}

/** Waiting time before attempt `attempts + 1`: 1, 2, 4, ... minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
