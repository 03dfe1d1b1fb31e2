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
  /** Milliseconds one run of a scheduled job took; the `service` dimension names the job. */
  jobDuration: 'JobDuration',
} as const;
