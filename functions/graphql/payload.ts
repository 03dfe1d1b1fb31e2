import { UserInputError } from '../shared/errors';

type UserErrorOutput = { field: string[] | null; message: string; code: string };
type Payload<K extends string, T> = { [P in K]: T | null } & { userErrors: UserErrorOutput[] };

/** `{ [key]: value }` typed by its key: TypeScript widens a computed key of a generic type to `string`. */
function keyed<K extends string, V>(key: K, value: V): { [P in K]: V } {
  return { [key]: value } as { [P in K]: V };
}

/**
 * Runs a mutation and shapes its payload: the result with no userErrors, or, when the input was
 * refused, only the userErrors. Every other error propagates (and is masked if unexpected).
 */
export async function withUserErrors<K extends string, T>(key: K, run: () => Promise<T>): Promise<Payload<K, T>> {
  try {
    const value = await run();
    return { ...keyed(key, value), userErrors: [] };
  } catch (error) {
    if (error instanceof UserInputError) {
      const userErrors = error.userErrors.map((e) => ({ field: e.field ?? null, message: e.message, code: e.code }));
      return { ...keyed(key, null), userErrors };
    }
    throw error;
  }
}

/** Relay connection from a page of records. */
export function toConnection<T>(page: { items: T[]; cursors: string[]; hasNextPage: boolean }) {
  return {
    edges: page.items.map((node, index) => ({ node, cursor: page.cursors[index] })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null },
  };
}
