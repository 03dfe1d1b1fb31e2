import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetByIds } from '../../shared/dynamodb/batch-get';
import { queryCollectionPage, queryWholeCollection, stripKeys } from '../../shared/dynamodb/collection-query';
import { queryDuePage } from '../../shared/dynamodb/due-query';
import type { Page } from '../../shared/dynamodb/cursor';
import { keys } from '../../shared/dynamodb/keys';
import type { TransactItem } from '../../shared/dynamodb/transaction';
import { versionedPut, writeVersioned } from '../../shared/dynamodb/versioned-write';
import { nextReviewStep } from './consolidation-review';
import type { DecisionRecord, EngagementRecord, ProjectRecord, ProjectStatus } from './project';

function toRecord(item: Record<string, unknown>): ProjectRecord {
  return stripKeys<ProjectRecord>(item);
}

/** The stored item: its place in the list follows its status, its place on the due index its next review email. */
function toItem(project: ProjectRecord) {
  const next = nextReviewStep(project);
  return {
    ...keys.project(project.id),
    ...keys.projectCollection(project.status, project.name, project.id),
    ...(next ? keys.reviewDue(next.at.toISOString(), project.id) : {}),
    ...project,
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
  async save(project: ProjectRecord, expectedVersion: number | undefined, extra: TransactItem[] = []): Promise<void> {
    const put: TransactItem =
      expectedVersion === undefined
        ? { Put: { TableName: this.tableName, Item: toItem(project), ConditionExpression: 'attribute_not_exists(PK)' } }
        : versionedPut(this.tableName, toItem(project), expectedVersion);
    await this.transact(project.id, [put, ...extra]);
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
   * The transaction entry that appends decisions to a project's decision log: the one place a
   * decision is logged (recordProjectDecision, a meeting's outcome). It touches only the log, so a
   * decision never overwrites another change; the version moves, so no change decided on an older
   * read can drop it.
   */
  decisionAppend(projectId: string, decisions: DecisionRecord[], now: string): TransactItem {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.project(projectId),
        UpdateExpression:
          'SET decisions = list_append(if_not_exists(decisions, :none), :decisions), version = version + :one, updatedAt = :now',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':decisions': decisions, ':none': [], ':one': 1, ':now': now },
      },
    };
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
