import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetByIds } from '../../shared/dynamodb/batch-get';
import { queryCollectionPage, queryWholeCollection, stripKeys } from '../../shared/dynamodb/collection-query';
import { queryDuePage } from '../../shared/dynamodb/due-query';
import type { Page } from '../../shared/dynamodb/cursor';
import { keys } from '../../shared/dynamodb/keys';
import { queryAll } from '../../shared/dynamodb/query-all';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { versionedPut, writeVersioned } from '../../shared/dynamodb/versioned-write';
import { nextReviewStep } from './consolidation-review';
import {
  reviewsOnProject,
  type DecisionRecord,
  type EngagementRecord,
  type ProjectRecord,
  type ProjectStatus,
  type ReviewRecord,
} from './project';
import { mergeProjectLog, type ProjectLog } from './project-log';

function toRecord(item: Record<string, unknown>): ProjectRecord {
  const record = stripKeys<ProjectRecord>(item);
  return { ...record, reviews: record.reviews ?? [], decisions: record.decisions ?? [] };
}

/**
 * The stored item: its place in the list follows its status, its place on the due index its next
 * review email. It keeps only the latest reviews; every review is also an item of its own.
 */
function toItem(project: ProjectRecord) {
  const next = nextReviewStep(project);
  return {
    ...keys.project(project.id),
    ...keys.projectCollection(project.status, project.name, project.id),
    ...(next ? keys.reviewDue(next.at.toISOString(), project.id) : {}),
    ...project,
    reviews: project.reviews.slice(-reviewsOnProject),
  };
}

/** The stored item of a project, for the benches that write many at once (test/bench/bench-data.ts). */
export { toItem as projectItem };

export class ProjectsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Writes the project (new when `expectedVersion` is undefined, else only if its stored version
   * is still that one) together with the other modules' entries, in one transaction. Any failed
   * condition is a VersionConflictError: the caller reads again and decides again.
   */
  async save(
    project: ProjectRecord,
    expectedVersion: number | undefined,
    extra: TransactItem[] = [],
    previous?: ProjectRecord,
  ): Promise<void> {
    const put: TransactItem =
      expectedVersion === undefined
        ? { Put: { TableName: this.tableName, Item: toItem(project), ConditionExpression: 'attribute_not_exists(PK)' } }
        : versionedPut(this.tableName, toItem(project), expectedVersion);
    await this.transact(project.id, [put, ...this.reviewPuts(previous, project), ...extra]);
  }

  /**
   * The review items a write of `next` over `previous` puts beside the project: each review that is
   * new or changed, and each that no longer fits on the project item (on an item written before
   * issue 11 those are the older reviews, moved out at its first write). A change touches the open
   * review and at most appends the next one, so this is none to three items.
   */
  private reviewPuts(previous: ProjectRecord | undefined, next: ProjectRecord): TransactItem[] {
    const before = new Map(previous?.reviews.map((review) => [review.number, JSON.stringify(review)]));
    const firstKept = next.reviews.length - reviewsOnProject;
    return next.reviews
      .filter((review, index) => index < firstKept || before.get(review.number) !== JSON.stringify(review))
      .map((review) => ({ Put: { TableName: this.tableName, Item: { ...keys.projectReview(next.id, review.number), ...review } } }));
  }

  /**
   * The transaction entry that sets (or, without `engagement`, removes) one partner's engagement,
   * touching only its map entry: partners engaging at the same moment never overwrite each other.
   * The condition on the status read makes a concurrent status change and this write pass in turn.
   */
  engagementUpdate(
    projectId: string,
    partnerId: string,
    engagement: EngagementRecord | undefined,
    seenStatus: ProjectStatus,
    now: string,
  ): TransactItem {
    const names = { '#partner': partnerId, '#status': 'status' };
    const values = { ':one': 1, ':now': now, ':status': seenStatus };
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.project(projectId),
        // The version moves, so a change decided on an older read cannot drop this engagement.
        UpdateExpression: engagement
          ? 'SET engagements.#partner = :engagement, version = version + :one, updatedAt = :now'
          : 'REMOVE engagements.#partner SET version = version + :one, updatedAt = :now',
        ConditionExpression: engagement ? '#status = :status' : '#status = :status AND attribute_exists(engagements.#partner)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: engagement ? { ...values, ':engagement': engagement } : values,
      },
    };
  }

  /**
   * The transaction entries that append decisions to a project's decision log: the one place a
   * decision is logged (recordProjectDecision, a meeting's outcome). Each decision is an item of its
   * own; the project item only counts them, so it stays small however long the log grows. The update
   * touches only the count, so a decision never overwrites another change; the version moves, so no
   * change decided on an older read can drop it.
   */
  decisionAppend(projectId: string, decisions: DecisionRecord[], now: string, firstOrder = 0): TransactItem[] {
    return [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.project(projectId),
          UpdateExpression: 'SET version = version + :one, updatedAt = :now ADD decisionCount :count',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':count': decisions.length, ':one': 1, ':now': now },
        },
      },
      ...this.decisionPuts(projectId, decisions, firstOrder),
    ];
  }

  /**
   * The decision items alone, for a change that writes the project item itself and counts them in
   * its `decisionCount` (a confirmed review). Each is new: its key holds its id. `firstOrder` is the
   * log's length where the writer read the project (else 0): two writes in one millisecond then
   * keep their order.
   */
  decisionPuts(projectId: string, decisions: DecisionRecord[], firstOrder = 0): TransactItem[] {
    return decisions.map((decision, index) => ({
      Put: {
        TableName: this.tableName,
        Item: { ...keys.projectDecision(projectId, decision.recordedAt, firstOrder + index, decision.id), ...decision },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    }));
  }

  /** The transaction entry that creates a project (a promoted matrix idea is created with the idea's change). */
  createPut(project: ProjectRecord): TransactItem {
    return { Put: { TableName: this.tableName, Item: toItem(project), ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** Writes entries of several modules at once; a failed condition is a VersionConflictError. */
  transact(projectId: string, items: TransactItem[]): Promise<void> {
    return writeVersioned(this.db, { entity: 'Project', id: projectId }, items);
  }

  /** One project, strongly consistent like every read by key: a change starts from the latest version. */
  async get(id: string): Promise<ProjectRecord | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.project(id), ConsistentRead: true }));
    return result.Item ? toRecord(result.Item) : undefined;
  }

  /**
   * One project with its whole log (every review and decision): one Query over the project's
   * partition, strongly consistent, following DynamoDB's 1 MB pages (a page holds some 400
   * decisions of the longest kind).
   */
  async getWithLog(id: string): Promise<{ project: ProjectRecord; log: ProjectLog } | undefined> {
    const items = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.projectPartition(id) },
      ConsistentRead: true,
    });
    const projectItem = items.find((item) => item.SK === keys.project(id).SK);
    if (!projectItem) return undefined;
    const project = toRecord(projectItem);
    const withPrefix = (prefix: string) => items.filter((item) => String(item.SK).startsWith(prefix)).map((item) => stripKeys(item));
    const log = mergeProjectLog(
      project,
      withPrefix(keys.projectReviewPrefix) as ReviewRecord[],
      withPrefix(keys.projectDecisionPrefix) as DecisionRecord[],
    );
    return { project, log };
  }

  /** One review by its number (also one older than those the project item keeps): one GetItem. */
  async getReview(projectId: string, number: number): Promise<ReviewRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.projectReview(projectId, number), ConsistentRead: true }),
    );
    return result.Item ? stripKeys<ReviewRecord>(result.Item) : undefined;
  }

  getMany(ids: readonly string[]): Promise<Map<string, ProjectRecord>> {
    return batchGetByIds(this.db, this.tableName, ids, keys.project, toRecord);
  }

  /** A page of projects by status, then name; one status only when given. One Query. */
  list(status: ProjectStatus | undefined, limit: number, after?: string): Promise<Page<ProjectRecord>> {
    const range = status ? keys.projectsWithStatus(status) : {};
    return queryCollectionPage(this.db, this.tableName, { partition: keys.projectsPartition, ...range }, limit, after, toRecord);
  }

  /** Every project (which of them need the next meeting): one Query per megabyte of projects. */
  listAll(): Promise<ProjectRecord[]> {
    return queryWholeCollection(this.db, this.tableName, { partition: keys.projectsPartition }, toRecord);
  }

  /**
   * Projects with a review email due at `now`, earliest first: one Query on `byDueTime`. `after`
   * (the `next` of the page before) pages on past the projects a run left where they were.
   */
  async findDueReviews(
    now: Date,
    limit: number,
    after?: Record<string, unknown>,
  ): Promise<{ projects: ProjectRecord[]; next?: Record<string, unknown> }> {
    const page = await queryDuePage(this.db, this.tableName, keys.reviewsPartition, now, limit, after);
    return { projects: page.items.map(toRecord), ...(page.next ? { next: page.next } : {}) };
  }
}
