import { randomUUID } from 'node:crypto';

/** New entity ids: random UUIDs, opaque to clients. */
export function newId(): string {
  return randomUUID();
}
