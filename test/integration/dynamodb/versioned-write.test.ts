import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../functions/shared/dynamodb/client';
import { transactWrite } from '../../../functions/shared/dynamodb/transaction';
import { versionedReplace, writeVersioned } from '../../../functions/shared/dynamodb/versioned-write';
import { VersionConflictError } from '../../../functions/shared/errors';
import { createTestTable, dynamoEndpoint } from '../../support/test-app';

/** Connected to DynamoDB Local: the conditions are DynamoDB's own, not a copy of them. */
describe('versioned writes', () => {
  let tableName: string;
  let db: DynamoDBDocumentClient;

  beforeAll(async () => {
    tableName = await createTestTable();
  });

  beforeEach(() => {
    db = createDocumentClient({ region: 'eu-west-1', endpoint: dynamoEndpoint() });
  });
  afterEach(() => db.destroy());

  const key = (id: string) => ({ PK: `TEST#${id}`, SK: 'ITEM' });
  const item = (id: string, version: number, extra: Record<string, unknown> = {}) => ({ ...key(id), id, version, ...extra });
  const read = async (id: string) => (await db.send(new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }))).Item;
  const seed = (id: string, version: number) => db.send(new PutCommand({ TableName: tableName, Item: item(id, version) }));

  /** Cancels the next `times` transactions as DynamoDB does when another transaction holds an item. */
  function cancelForTransactionConflict(times: number): { attempts: () => number } {
    let attempts = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
        attempts += 1;
        if (attempts <= times) {
          throw new TransactionCanceledException({
            message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]',
            $metadata: {},
            CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'transactionConflictStandIn' },
    );
    return { attempts: () => attempts };
  }

  it('replaces the item when its stored version is the expected one, and refuses with VersionConflictError when not', async () => {
    await seed('a', 3);

    await versionedReplace(db, { entity: 'Thing', id: 'a', tableName, item: item('a', 4, { name: 'first' }), expectedVersion: 3 });
    const stale = versionedReplace(db, { entity: 'Thing', id: 'a', tableName, item: item('a', 4, { name: 'stale' }), expectedVersion: 3 });

    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toThrow('Thing a was changed concurrently');
    expect(await read('a')).toMatchObject({ version: 4, name: 'first' });
  });

  it('refuses to replace an item that does not exist (it was never created, or was deleted)', async () => {
    const missing = versionedReplace(db, { entity: 'Thing', id: 'ghost', tableName, item: item('ghost', 2), expectedVersion: 1 });

    await expect(missing).rejects.toBeInstanceOf(VersionConflictError);
    expect(await read('ghost')).toBeUndefined();
  });

  it('writes the extra transaction items with the replace, and none of them when the version moved', async () => {
    await seed('b', 1);
    const extra = (id: string) => [{ Put: { TableName: tableName, Item: item(id, 1), ConditionExpression: 'attribute_not_exists(PK)' } }];

    await versionedReplace(db, { entity: 'Thing', id: 'b', tableName, item: item('b', 2), expectedVersion: 1, extra: extra('b-extra') });
    const stale = versionedReplace(db, {
      entity: 'Thing',
      id: 'b',
      tableName,
      item: item('b', 2),
      expectedVersion: 1,
      extra: extra('b-late'),
    });

    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    expect(await read('b')).toMatchObject({ version: 2 });
    expect(await read('b-extra')).toMatchObject({ version: 1 });
    expect(await read('b-late')).toBeUndefined();
  });

  it('is all or nothing when an extra item’s condition fails: the replace is not written either', async () => {
    await seed('c', 1);
    await seed('c-taken', 1);

    const refused = versionedReplace(db, {
      entity: 'Thing',
      id: 'c',
      tableName,
      item: item('c', 2),
      expectedVersion: 1,
      extra: [{ Put: { TableName: tableName, Item: item('c-taken', 9), ConditionExpression: 'attribute_not_exists(PK)' } }],
    });

    await expect(refused).rejects.toBeInstanceOf(VersionConflictError);
    expect(await read('c')).toMatchObject({ version: 1 });
    expect(await read('c-taken')).toMatchObject({ version: 1 });
  });

  it('sends a transaction cancelled for TransactionConflict again, and it lands', async () => {
    await seed('d', 1);
    const conflicts = cancelForTransactionConflict(2);

    await versionedReplace(db, {
      entity: 'Thing',
      id: 'd',
      tableName,
      item: item('d', 2),
      expectedVersion: 1,
      extra: [{ Put: { TableName: tableName, Item: item('d-extra', 1) } }],
    });

    expect(conflicts.attempts()).toBe(3);
    expect(await read('d')).toMatchObject({ version: 2 });
    expect(await read('d-extra')).toMatchObject({ version: 1 });
  });

  it('gives up after its attempts: the plain transaction passes the cancellation on, a versioned write calls it a version conflict', async () => {
    const conflicts = cancelForTransactionConflict(Number.MAX_SAFE_INTEGER);
    const items = [{ Put: { TableName: tableName, Item: item('e', 1) } }];

    await expect(transactWrite(db, items, { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 })).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    expect(conflicts.attempts()).toBe(3);
    await expect(writeVersioned(db, { entity: 'Thing', id: 'e' }, items)).rejects.toBeInstanceOf(VersionConflictError);
    expect(await read('e')).toBeUndefined();
  });

  it('does not send again a transaction whose condition failed: the caller must read again', async () => {
    await seed('f', 5);
    const conflicts = cancelForTransactionConflict(0);

    const stale = writeVersioned(db, { entity: 'Thing', id: 'f' }, [
      {
        Put: { TableName: tableName, Item: item('f', 2), ConditionExpression: 'version = :one', ExpressionAttributeValues: { ':one': 1 } },
      },
    ]);

    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    expect(conflicts.attempts()).toBe(1);
  });
});
