import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Counts the requests a client sends to DynamoDB, by command name. Used by tests (and by the
 * benchmark) to hold access patterns to their round-trip budgets.
 */
export interface RoundTripCounter {
  readonly total: number;
  readonly byCommand: Record<string, number>;
  reset(): void;
}

export function countRoundTrips(client: DynamoDBDocumentClient): RoundTripCounter {
  const byCommand: Record<string, number> = {};
  let total = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      total += 1;
      const name = context.commandName ?? 'unknown';
      byCommand[name] = (byCommand[name] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'roundTripCounter', override: true },
  );
  return {
    get total() {
      return total;
    },
    get byCommand() {
      return { ...byCommand };
    },
    reset() {
      total = 0;
      for (const key of Object.keys(byCommand)) delete byCommand[key];
    },
  };
}
