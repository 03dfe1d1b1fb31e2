import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Stack, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { ScheduledJob } from '../../functions/runtime/scheduled-job';
import type { StageSettings } from '../stage-settings';
import { createDeadLetterQueue } from './dead-letter-queue';
import { DeStekFunction } from './destek-function';
import type { Mail } from './mail';

export interface ScheduledJobFunctionProps {
  job: ScheduledJob;
  settings: StageSettings;
  table: Table;
  /** Environment shared by every function (mail addresses, public URL). */
  environment: Record<string, string>;
  /** Given to the job's function only when it declares `usesLinkSigningSecret`. */
  linkSigningSecret: ISecret;
  /** Given to the job's function only when it declares `sendsMail`. */
  mail: Mail;
}

/**
 * One scheduled job in AWS, from its entry in functions/runtime/scheduled-jobs.ts: its own
 * function (its own bundle), an EventBridge Scheduler schedule in Brussels time that passes the
 * planned time as `now`, retries, and a dead-letter queue for runs that failed for good.
 * Scheduler retries a failed invocation (throttling) 3 times within an hour; Lambda retries a run
 * that threw twice; what still fails lands in the queue, and an alarm fires.
 */
export class ScheduledJobFunction extends Construct {
  readonly fn: DeStekFunction;
  readonly deadLetterQueue: Queue;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: ScheduledJobFunctionProps) {
    super(scope, id);
    const { job } = props;
    this.deadLetterQueue = createDeadLetterQueue(this, 'DeadLetters');
    this.fn = new DeStekFunction(this, 'Function', {
      name: job.name,
      description: job.description.slice(0, 256),
      settings: props.settings,
      table: props.table,
      tableAccess: job.tableAccess,
      environment: props.environment,
      timeout: Duration.seconds(job.timeoutSeconds ?? 60),
      memorySize: job.memoryMb,
      deadLetterQueue: this.deadLetterQueue,
      linkSigningSecret: job.usesLinkSigningSecret ? props.linkSigningSecret : undefined,
      mail: job.sendsMail ? props.mail : undefined,
    });
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: `EventBridge Scheduler invokes the ${job.name} job`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      description: job.description.slice(0, 512),
      schedule: ScheduleExpression.expression(job.schedule, TimeZone.EUROPE_BRUSSELS),
      target: new LambdaInvoke(this.fn, {
        role: schedulerRole,
        input: ScheduleTargetInput.fromObject({ now: ContextAttribute.scheduledTime }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    // After the schedule: its target adds the role's policy, which the suppression must find.
    NagSuppressions.addResourceSuppressions(
      schedulerRole,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'lambda:InvokeFunction on this one function and its versions (<function ARN>:*), as the CDK grants it; no other function.',
          appliesTo: [{ regex: '/^Resource::<.*Function.*\\.Arn>:\\*$/' }],
        },
      ],
      true,
    );
    if (job.runsOnNewItems) {
      // Inserts only (TTL removals and updates are not new work), filtered by Lambda before the
      // function is invoked, so other writes to the table cost nothing.
      this.fn.addEventSource(
        new DynamoEventSource(props.table, {
          startingPosition: StartingPosition.LATEST,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          retryAttempts: 2,
          onFailure: new SqsDlq(this.deadLetterQueue),
          filters: [
            FilterCriteria.filter({
              eventName: FilterRule.isEqual('INSERT'),
              dynamodb: { Keys: { SK: { S: FilterRule.isEqual(job.runsOnNewItems.sortKey) } } },
            }),
          ],
        }),
      );
      NagSuppressions.addResourceSuppressions(
        this.fn,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              "dynamodb:ListStreams has no resource-level permissions (it must be granted on *); the stream reads themselves are limited to this table's stream.",
            appliesTo: ['Resource::*'],
          },
        ],
        true,
      );
    }
  }
}
