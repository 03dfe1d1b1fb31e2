/**
 * The record a stored item holds, read attribute by attribute: keys and index attributes stay
 * behind. `attributes` names every field of the record (the compiler checks none is missing or
 * misspelt), so a field added to the record cannot be forgotten here. The item is trusted to be
 * one its repository wrote; nothing is validated.
 */
export function recordOf<T>(item: Record<string, unknown>, attributes: { readonly [K in keyof Required<T>]: true }): T {
  return Object.fromEntries(Object.keys(attributes).map((name) => [name, item[name]])) as T;
}
