import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { metricNames, metricNamespace } from '../../functions/shared/metric-names';
import type { StageSettings } from '../stage-settings';

/**
 * Alarms, all sent to one SNS topic (and to `alarmEmail` when set): any function error, any
 * message in a dead-letter queue, emails given up on, and SES reputation (AWS reviews an account
 * at a 5 % bounce or 0.1 % complaint rate; the alarms fire well before that).
 */
export class Monitoring extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { enforceSSL: true, displayName: `De Stek ${settings.stage} alarms` });
    if (settings.alarmEmail) this.topic.addSubscription(new EmailSubscription(settings.alarmEmail));
    NagSuppressions.addResourceSuppressions(this.topic, [
      {
        id: 'AwsSolutions-SNS2',
        reason:
          'Alarm notifications hold an alarm name and a state, no personal data; a customer-managed KMS key would cost more than the whole stack at this size. HTTPS is enforced.',
      },
    ]);

    this.alarm(
      'EmailsFailed',
      new Metric({
        namespace: metricNamespace,
        metricName: metricNames.emailsFailed,
        dimensionsMap: { service: 'deliver-outbox' },
        statistic: 'Sum',
        period: Duration.hours(1),
      }),
      {
        threshold: 1,
        description: 'Emails were given up on (permanent refusal or too many attempts): see the deliver-outbox logs.',
      },
    );
    for (const [id, metricName, description] of [
      [
        'EmailsToCheck',
        metricNames.emailsToCheck,
        'Emails whose delivery is uncertain (a claim ran out or a send was not recorded): see the deliver-outbox logs and check whether they arrived.',
      ],
      [
        'OutboxPaused',
        metricNames.outboxPaused,
        'The outbox circuit breaker paused delivery (SMTP or SES outage); after it, `npm run job -- retry-failed` queues outage failures again.',
      ],
    ] as const) {
      this.alarm(
        id,
        new Metric({
          namespace: metricNamespace,
          metricName,
          dimensionsMap: { service: 'deliver-outbox' },
          statistic: 'Sum',
          period: Duration.hours(1),
        }),
        { threshold: 1, description },
      );
    }
    this.alarm(
      'SesBounceRate',
      new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', statistic: 'Maximum', period: Duration.hours(1) }),
      {
        threshold: 0.03,
        description: 'SES bounce rate above 3 % (AWS reviews the account at 5 %).',
      },
    );
    this.alarm(
      'SesComplaintRate',
      new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', statistic: 'Maximum', period: Duration.hours(1) }),
      {
        threshold: 0.0008,
        description: 'SES complaint rate above 0.08 % (AWS reviews the account at 0.1 %).',
      },
    );
  }

  watchFunction(name: string, fn: IFunction): void {
    this.alarm(`${name}Errors`, fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }), {
      threshold: 1,
      description: `The ${name} function failed.`,
    });
  }

  /** A scheduled job that left records it could not handle (each logged by id; its next run tries them again). */
  watchJobRecords(name: string, jobName: string): void {
    this.alarm(
      `${name}RecordsFailed`,
      new Metric({
        namespace: metricNamespace,
        metricName: metricNames.jobRecordsFailed,
        dimensionsMap: { service: jobName },
        statistic: 'Sum',
        period: Duration.hours(1),
      }),
      {
        threshold: 1,
        description: `The ${jobName} job could not handle some records (see its logs for their ids); its next run tries them again.`,
      },
    );
  }

  watchDeadLetterQueue(name: string, queue: IQueue): void {
    this.alarm(
      `${name}DeadLetters`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      {
        threshold: 1,
        description: `A run or event of ${name} failed for good and waits in its dead-letter queue.`,
      },
    );
  }

  private alarm(id: string, metric: Metric, options: { threshold: number; description: string }): void {
    const alarm = new Alarm(this, id, {
      metric,
      threshold: options.threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
  }
}
