import { BadRequestError } from '../errors';

/**
 * Opaque page cursors: the DynamoDB key of the last item on a page, base64url-encoded. Clients
 * only pass them back; a cursor that does not decode to the expected key shape is refused.
 */
export type DynamoKey = Record<string, string>;

export function encodeCursor(key: DynamoKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedAttributes: readonly string[]): DynamoKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    const record = value as Record<string, unknown>;
    const names = Object.keys(record).sort();
    if (names.join() !== [...expectedAttributes].sort().join()) throw new Error('unexpected attributes');
    if (!names.every((name) => typeof record[name] === 'string')) throw new Error('non-string attribute');
    return record as DynamoKey;
  } catch {
    throw new BadRequestError('INVALID_CURSOR');
  }
}

/** Page size for a connection: 20 by default, at most 100. */
export function pageSize(first: number | null | undefined, fallback = 20, max = 100): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new BadRequestError('INVALID_PAGE_SIZE', { max });
  }
  return first;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  /** Cursor of each item, in order. */
  cursors: string[];
}
