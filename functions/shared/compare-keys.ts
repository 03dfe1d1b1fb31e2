/**
 * Orders fixed-format keys: ISO instants from `toISOString()` and UUIDs (newId). For these,
 * code-unit order is the order `localeCompare` gives (same length, punctuation at the same places,
 * digits before letters), and it costs no collation: lists sorted per item on every read
 * (a meeting's invitations, a project's engagements) use it.
 */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
