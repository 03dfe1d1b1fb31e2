import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

/**
 * One entry of a TransactWriteItems request. Repositories hand these out (an outbox dispatch, an
 * agenda item, a partner's engagement) so that a service can make several modules' changes in one
 * transaction.
 */
export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
