import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryCollectionPage, stripKeys } from '../../shared/dynamodb/collection-query';
import type { Page } from '../../shared/dynamodb/cursor';
import { keys } from '../../shared/dynamodb/keys';
import { tableIndexes } from '../../shared/dynamodb/table-definition';
import { transactWrite, type ConflictBackOff, type TransactItem } from '../../shared/dynamodb/transaction';
import {
  changeSortKey,
  type IdeaCommentRecord,
  type IdeaRecord,
  type MatrixSessionRecord,
  type MatrixState,
  type Participant,
  type VoteRecord,
} from './matrix';
import { queryAll } from '../../shared/dynamodb/query-all';

/**
 * A matrix write whose condition did not hold; `label` names which entry of the transaction
 * refused (e.g. 'session-open', 'budget'), so the service can say why in Dutch.
 */
export class MatrixWriteRefused extends Error {
  constructor(readonly label: string) {
    super(`matrix write refused: ${label}`);
    this.name = 'MatrixWriteRefused';
  }
}

type Labelled = { label: string; item: TransactItem };

/** Many participants voting on one idea at once collide often: more attempts than the default, same jitter. */
const votingBackOff: ConflictBackOff = { attempts: 30, baseDelayMs: 20, maxDelayMs: 300 };

function sessionItem(session: MatrixSessionRecord) {
  return { ...keys.matrixSession(session.id), ...keys.matrixChange(session.id, changeSortKey(session.updatedAt, session.id)), ...session };
}

function ideaItem(idea: IdeaRecord) {
  return {
    ...keys.matrixIdea(idea.sessionId, idea.id),
    ...keys.matrixChange(idea.sessionId, changeSortKey(idea.updatedAt, idea.id)),
    ...idea,
  };
}

/** The item kinds of a session's partition, told apart by their sort key. */
function splitPartition(items: Record<string, unknown>[]): MatrixState | undefined {
  let session: MatrixSessionRecord | undefined;
  const ideas: IdeaRecord[] = [];
  const votes: VoteRecord[] = [];
  const votesUsed = new Map<string, number>();
  for (const item of items) {
    const sk = String(item.SK);
    if (sk === 'SESSION') session = stripKeys<MatrixSessionRecord>(item);
    else if (sk.startsWith('IDEA#')) ideas.push(stripKeys<IdeaRecord>(item));
    else if (sk.startsWith('VOTE#')) votes.push(stripKeys<VoteRecord>(item));
    else if (sk.startsWith('PARTICIPANT#')) votesUsed.set(String(item.participantKey), Number(item.votesUsed ?? 0));
  }
  return session && { session, ideas, votes, votesUsed };
}

export class MatrixRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Reads

  async getSession(id: string): Promise<MatrixSessionRecord | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.matrixSession(id), ConsistentRead: true }));
    return result.Item ? stripKeys<MatrixSessionRecord>(result.Item) : undefined;
  }

  async getIdea(sessionId: string, ideaId: string): Promise<IdeaRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.matrixIdea(sessionId, ideaId), ConsistentRead: true }),
    );
    return result.Item ? stripKeys<IdeaRecord>(result.Item) : undefined;
  }

  /** The whole session (ideas, votes, budgets): one strongly consistent Query on its partition. */
  async loadState(id: string): Promise<MatrixState | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.matrixSessionPartition(id) },
      ConsistentRead: true,
    });
    return splitPartition(items);
  }

  /** Sessions, newest first would need a reversed page; oldest first keeps cursors simple. One Query. */
  listSessions(limit: number, after?: string): Promise<Page<MatrixSessionRecord>> {
    return queryCollectionPage(this.db, this.tableName, { partition: keys.matrixSessionsPartition }, limit, after, (item) =>
      stripKeys<MatrixSessionRecord>(item),
    );
  }

  /**
   * What changed in a session after `afterSortKey` (the session itself and its ideas, in their
   * current state), oldest change first: one Query on the session's change feed, whatever its size.
   */
  async changesSince(
    sessionId: string,
    afterSortKey: string | undefined,
    limit: number,
  ): Promise<{ session?: MatrixSessionRecord; ideas: IdeaRecord[]; lastSortKey?: string; hasMore: boolean }> {
    const index = tableIndexes.byCollection;
    const response = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: afterSortKey ? '#pk = :pk AND #sk > :after' : '#pk = :pk',
        ExpressionAttributeNames: afterSortKey ? { '#pk': index.partitionKey, '#sk': index.sortKey } : { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': keys.matrixChangesPartition(sessionId), ...(afterSortKey ? { ':after': afterSortKey } : {}) },
        Limit: limit,
      }),
    );
    const items = response.Items ?? [];
    const session = items.find((item) => item.SK === 'SESSION');
    return {
      session: session && stripKeys<MatrixSessionRecord>(session),
      ideas: items.filter((item) => String(item.SK).startsWith('IDEA#')).map((item) => stripKeys<IdeaRecord>(item)),
      lastSortKey: items.length > 0 ? String(items[items.length - 1][index.sortKey]) : undefined,
      hasMore: response.LastEvaluatedKey !== undefined,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /** The session item and its listing copy, new (`expectedVersion` undefined) or over that version. */
  sessionPuts(session: MatrixSessionRecord, expectedVersion: number | undefined): Labelled[] {
    const condition =
      expectedVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
    return [
      { label: 'session-version', item: { Put: { TableName: this.tableName, Item: sessionItem(session), ...condition } } },
      {
        label: 'listing',
        item: {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.matrixSessionListing(session.id), ...keys.matrixSessionCollection(session.createdAt, session.id), ...session },
          },
        },
      },
    ];
  }

  async saveSession(session: MatrixSessionRecord, expectedVersion: number | undefined, extra: TransactItem[] = []): Promise<void> {
    await this.transact([...this.sessionPuts(session, expectedVersion), ...extra.map((item) => ({ label: 'extra', item }))]);
  }

  async addIdea(idea: IdeaRecord): Promise<void> {
    await this.transact([
      this.sessionOpen(idea.sessionId),
      {
        label: 'idea-new',
        item: { Put: { TableName: this.tableName, Item: ideaItem(idea), ConditionExpression: 'attribute_not_exists(PK)' } },
      },
    ]);
  }

  /** Appends a comment while the idea holds fewer than `maxComments`: concurrent comments cannot pass the cap. */
  async addComment(sessionId: string, ideaId: string, comment: IdeaCommentRecord, maxComments: number, now: string): Promise<void> {
    await this.transact([
      this.sessionOpen(sessionId),
      {
        label: 'idea-exists',
        item: {
          Update: {
            TableName: this.tableName,
            Key: keys.matrixIdea(sessionId, ideaId),
            UpdateExpression: 'SET comments = list_append(comments, :comment), updatedAt = :now, GSI1SK = :change',
            ConditionExpression: 'attribute_exists(PK) AND size(comments) < :max',
            ExpressionAttributeValues: { ':comment': [comment], ':now': now, ':change': changeSortKey(now, ideaId), ':max': maxComments },
          },
        },
      },
    ]);
  }

  /**
   * One vote: the participant's budget counter goes up only while below the budget, the idea's
   * count and the participant's votes on it go up with it, and only while the session is open;
   * all or nothing. Two devices voting at once both pass the condition only if both fit the budget.
   */
  async vote(sessionId: string, ideaId: string, participant: Participant, budget: number, now: string): Promise<void> {
    await this.transact([
      this.sessionOpen(sessionId),
      {
        label: 'budget',
        item: {
          Update: {
            TableName: this.tableName,
            Key: keys.matrixParticipant(sessionId, participant.key),
            UpdateExpression:
              'ADD votesUsed :one SET participantKey = :key, #name = :name' + (participant.partnerId ? ', partnerId = :partner' : ''),
            ConditionExpression: 'attribute_not_exists(votesUsed) OR votesUsed < :budget',
            ExpressionAttributeNames: { '#name': 'name' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':key': participant.key,
              ':name': participant.name,
              ':budget': budget,
              ...(participant.partnerId ? { ':partner': participant.partnerId } : {}),
            },
          },
        },
      },
      this.ideaVotes(sessionId, ideaId, 1, now, 'attribute_exists(PK) AND attribute_not_exists(mergedInto)'),
      {
        label: 'vote',
        item: {
          Update: {
            TableName: this.tableName,
            Key: keys.matrixVote(sessionId, ideaId, participant.key),
            UpdateExpression:
              'ADD #count :one SET ideaId = :idea, participantKey = :key, #name = :name' +
              (participant.partnerId ? ', partnerId = :partner' : ''),
            ExpressionAttributeNames: { '#count': 'count', '#name': 'name' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':idea': ideaId,
              ':key': participant.key,
              ':name': participant.name,
              ...(participant.partnerId ? { ':partner': participant.partnerId } : {}),
            },
          },
        },
      },
    ]);
  }

  /** Takes back one vote: the stored vote (on `voteIdeaId`), the budget counter and the count of `ideaId` all go down. */
  async withdrawVote(sessionId: string, ideaId: string, voteIdeaId: string, participantKey: string, now: string): Promise<void> {
    const decrement = (label: string, key: Record<string, string>, attribute: string): Labelled => ({
      label,
      item: {
        Update: {
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'ADD #attribute :minus',
          ConditionExpression: '#attribute > :zero',
          ExpressionAttributeNames: { '#attribute': attribute },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        },
      },
    });
    await this.transact([
      this.sessionOpen(sessionId),
      decrement('no-vote', keys.matrixVote(sessionId, voteIdeaId, participantKey), 'count'),
      decrement('no-vote', keys.matrixParticipant(sessionId, participantKey), 'votesUsed'),
      this.ideaVotes(sessionId, ideaId, -1, now, 'attribute_exists(PK) AND attribute_not_exists(mergedInto) AND votes > :zero'),
    ]);
  }

  /**
   * Merges `from` into `into`: `into` takes over `from`'s votes (each vote stays where it was cast,
   * so no participant's budget moves), `from` keeps its history and points to `into`. Both on
   * condition that `from`'s count is still what was read: a vote landing meanwhile makes it retry.
   */
  async merge(sessionId: string, from: IdeaRecord, into: IdeaRecord, now: string): Promise<void> {
    await this.transact([
      this.sessionOpen(sessionId),
      {
        label: 'idea-changed',
        item: {
          Update: {
            TableName: this.tableName,
            Key: keys.matrixIdea(sessionId, from.id),
            UpdateExpression: 'SET mergedInto = :into, updatedAt = :now, GSI1SK = :change',
            ConditionExpression: 'votes = :votes AND attribute_not_exists(mergedInto)',
            ExpressionAttributeValues: { ':into': into.id, ':now': now, ':change': changeSortKey(now, from.id), ':votes': from.votes },
          },
        },
      },
      {
        label: 'idea-changed',
        item: {
          Update: {
            TableName: this.tableName,
            Key: keys.matrixIdea(sessionId, into.id),
            UpdateExpression: 'ADD votes :votes SET mergedFrom = list_append(mergedFrom, :from), updatedAt = :now, GSI1SK = :change',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(mergedInto)',
            ExpressionAttributeValues: { ':votes': from.votes, ':from': [from.id], ':now': now, ':change': changeSortKey(now, into.id) },
          },
        },
      },
    ]);
  }

  /** The transaction entry that links an idea to the project it became (once). */
  ideaPromotion(sessionId: string, ideaId: string, projectId: string, now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.matrixIdea(sessionId, ideaId),
        UpdateExpression: 'SET projectId = :project, updatedAt = :now, GSI1SK = :change',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(projectId) AND attribute_not_exists(mergedInto)',
        ExpressionAttributeValues: { ':project': projectId, ':now': now, ':change': changeSortKey(now, ideaId) },
      },
    };
  }

  /** Writes entries of several modules at once (e.g. a promotion); a failed condition is a MatrixWriteRefused. */
  async transactItems(items: TransactItem[], label: string): Promise<void> {
    await this.transact(items.map((item) => ({ label, item })));
  }

  // ---------------------------------------------------------------------------------------------

  private sessionOpen(sessionId: string): Labelled {
    return {
      label: 'session-open',
      item: {
        ConditionCheck: {
          TableName: this.tableName,
          Key: keys.matrixSession(sessionId),
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':open': 'OPEN' },
        },
      },
    };
  }

  private ideaVotes(sessionId: string, ideaId: string, delta: number, now: string, condition: string): Labelled {
    return {
      label: 'idea-open',
      item: {
        Update: {
          TableName: this.tableName,
          Key: keys.matrixIdea(sessionId, ideaId),
          UpdateExpression: 'ADD votes :delta SET updatedAt = :now, GSI1SK = :change',
          ConditionExpression: condition,
          ExpressionAttributeValues: {
            ':delta': delta,
            ':now': now,
            ':change': changeSortKey(now, ideaId),
            ...(condition.includes(':zero') ? { ':zero': 0 } : {}),
          },
        },
      },
    };
  }

  /**
   * Runs a transaction through the shared transactWrite, which sends it again after a jittered pause
   * when DynamoDB cancels it for meeting another one on the same item (many votes on one idea at
   * once). A condition that fails is a MatrixWriteRefused naming it.
   */
  private async transact(entries: Labelled[]): Promise<void> {
    try {
      await transactWrite(
        this.db,
        entries.map((entry) => entry.item),
        votingBackOff,
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (error.CancellationReasons ?? []).findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed >= 0) throw new MatrixWriteRefused(entries[failed]?.label ?? 'unknown');
      throw error;
    }
  }
}
