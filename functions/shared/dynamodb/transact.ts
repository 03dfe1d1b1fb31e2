import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/** One write of a TransactWriteItems request; repositories hand these to each other to write one change atomically. */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
