import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../../functions/shared/dynamodb/client';
import { queryCollectionPage } from '../../../functions/shared/dynamodb/collection-query';
import { createTestTable, dynamoEndpoint } from '../../support/test-app';

/** Items of about 200 KB: five of them fill DynamoDB's 1 MB per Query. */
describe('collection pages over items that cross 1 MB', () => {
  const partition = 'BIG';
  const count = 13;
  const padding = 'x'.repeat(200 * 1024);
  let tableName: string;
  let db: DynamoDBDocumentClient;

  beforeAll(async () => {
    tableName = await createTestTable();
    db = createDocumentClient({ region: 'eu-west-1', endpoint: dynamoEndpoint() });
    for (let i = 0; i < count; i += 1) {
      const id = `item-${String(i).padStart(2, '0')}`;
      await db.send(
        new PutCommand({ TableName: tableName, Item: { PK: `BIG#${id}`, SK: 'ITEM', GSI1PK: partition, GSI1SK: id, id, padding } }),
      );
    }
  });
  afterAll(() => db.destroy());

  const page = (limit: number, after?: string) =>
    queryCollectionPage(db, tableName, { partition }, limit, after, (item) => String(item.id));

  it('DynamoDB itself stops one Query short of a page of ten (the situation the pages must survive)', async () => {
    const response = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'byCollection',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': partition },
        Limit: 11,
      }),
    );
    expect(response.Items!.length).toBeLessThan(10);
    expect(response.LastEvaluatedKey).toBeDefined();
  });

  it('fills a page of ten across several Queries and says there is a next page', async () => {
    const first = await page(10);
    expect(first.items).toEqual(Array.from({ length: 10 }, (_, i) => `item-${String(i).padStart(2, '0')}`));
    expect(first.hasNextPage).toBe(true);
    expect(first.cursors).toHaveLength(10);
  });

  it('walks the whole collection by cursors without losing or repeating an item', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const next = await page(4, after);
      seen.push(...next.items);
      pages += 1;
      if (!next.hasNextPage) break;
      after = next.cursors.at(-1);
    }
    expect(seen).toEqual(Array.from({ length: count }, (_, i) => `item-${String(i).padStart(2, '0')}`));
    expect(pages).toBe(4);
  });

  it('ends with hasNextPage false on the last, exactly full page', async () => {
    const all = await page(count);
    expect(all.items).toHaveLength(count);
    expect(all.hasNextPage).toBe(false);
  });
});
