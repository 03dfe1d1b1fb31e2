/**
 * The custom CloudWatch metrics the functions emit (Embedded Metric Format, through Powertools),
 * named once for the code that emits them and the CDK app that alarms on them.
 */
export const metricNamespace = 'DeStek';

export const metricNames = {
  emailsSent: 'EmailsSent',
  emailsFailed: 'EmailsFailed',
  emailsRetried: 'EmailsRetried',
  emailsSuppressed: 'EmailsSuppressed',
  /** Messages set aside to check: a claim ran out, or an accepted send could not be recorded. */
  emailsToCheck: 'EmailsToCheck',
  /** 1 for a deliver-outbox run the circuit breaker stopped (transport outage). */
  outboxPaused: 'OutboxPaused',
  /** Records a scheduled job could not handle (left for its next run); the `service` dimension names the job. */
  jobRecordsFailed: 'JobRecordsFailed',
  /** Milliseconds one run of a scheduled job took; the `service` dimension names the job. */
  jobDuration: 'JobDuration',
} as const;
