import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { scheduledJobs } from '../functions/runtime/scheduled-jobs';
import { apiTableAccess, calendarFeedTableAccess, sesEventsTableAccess } from '../functions/runtime/table-access';
import { Api } from './constructs/api';
import { createDataTable } from './constructs/data-table';
import { createDeadLetterQueue } from './constructs/dead-letter-queue';
import { DeStekFunction } from './constructs/destek-function';
import { InboundMail } from './constructs/inbound-mail';
import { Mail } from './constructs/mail';
import { Monitoring } from './constructs/monitoring';
import { ScheduledJobFunction } from './constructs/scheduled-job-function';
import { Users } from './constructs/users';
import type { StageSettings } from './stage-settings';

export interface DeStekStackProps extends StackProps {
  settings: StageSettings;
}

/** Everything the local stack runs, in AWS: one stack per stage. */
export class DeStekStack extends Stack {
  constructor(scope: Construct, id: string, props: DeStekStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const prod = settings.stage === 'prod';

    const table = createDataTable(this, settings);
    const users = new Users(this, 'Users', settings);
    const mail = new Mail(this, 'Mail', settings);
    const monitoring = new Monitoring(this, 'Monitoring', settings);

    const linkSigningSecret = new Secret(this, 'LinkSigningSecret', {
      description: 'Signs the tokens in email links (answer links). Rotating it invalidates links already sent.',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    NagSuppressions.addResourceSuppressions(linkSigningSecret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Rotation is deliberate, not scheduled: a new key invalidates every answer link in invitations already sent, so a person rotates it when it may have leaked (README: "Rotating the link-signing secret").',
      },
    ]);

    const shared: Record<string, string> = {
      MAIL_FROM: settings.mailFrom,
      ORGANIZER_EMAIL: settings.organizerEmail,
      ORGANIZER_NAME: settings.organizerName,
      // Read where buurtbabbel mailings are planned: the rounds (job) and a cancellation (API).
      ...(settings.buurtbabbelSendRatePerMinute ? { BUURTBABBEL_SEND_RATE_PER_MINUTE: String(settings.buurtbabbelSendRatePerMinute) } : {}),
    };

    const apiFunction = new DeStekFunction(this, 'ApiFunction', {
      name: 'api',
      description: 'GraphQL API, the answer page behind email links, calendar feeds',
      settings,
      table,
      tableAccess: apiTableAccess,
      memorySize: 1024,
      timeout: Duration.seconds(29),
      environment: {
        ...shared,
        COGNITO_USER_POOL_ID: users.pool.userPoolId,
        COGNITO_CLIENT_ID: users.appClient.userPoolClientId,
      },
      linkSigningSecret,
    });
    const calendarFeedFunction = new DeStekFunction(this, 'CalendarFeedFunction', {
      name: 'calendar-feed',
      description: 'Personal calendar feeds (iCalendar) for calendar apps to subscribe to',
      settings,
      table,
      tableAccess: calendarFeedTableAccess,
      environment: shared,
    });
    const api = new Api(this, 'Api', { settings, graphqlFunction: apiFunction, calendarFeedFunction });
    const publicBaseUrl = settings.publicBaseUrl ?? api.httpApi.apiEndpoint;
    for (const fn of [apiFunction, calendarFeedFunction]) fn.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);
    monitoring.watchFunction('Api', apiFunction);
    monitoring.watchFunction('CalendarFeed', calendarFeedFunction);

    const sesEventsDeadLetters = createDeadLetterQueue(this, 'SesEventsDeadLetters');
    const sesEvents = new DeStekFunction(this, 'SesEventsFunction', {
      name: 'ses-events',
      description: 'Puts addresses that bounced for good or complained on the suppression list',
      settings,
      table,
      tableAccess: sesEventsTableAccess,
      memorySize: 256,
      deadLetterQueue: sesEventsDeadLetters,
    });
    mail.events.addSubscription(new LambdaSubscription(sesEvents, { deadLetterQueue: sesEventsDeadLetters }));
    monitoring.watchFunction('SesEvents', sesEvents);
    monitoring.watchDeadLetterQueue('SesEvents', sesEventsDeadLetters);

    for (const job of scheduledJobs) {
      const id = job.name.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
      const scheduled = new ScheduledJobFunction(this, `${id}Job`, {
        job,
        settings,
        table,
        environment: { PUBLIC_BASE_URL: publicBaseUrl, ...shared },
        linkSigningSecret,
        mail,
      });
      monitoring.watchFunction(id, scheduled.fn);
      monitoring.watchDeadLetterQueue(id, scheduled.deadLetterQueue);
      monitoring.watchJobRecords(id, job.name);
    }

    if (settings.coordinatorEmail) {
      const inbound = new InboundMail(this, 'InboundMail', { settings, table, mail, environment: shared });
      inbound.fn.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);
      monitoring.watchFunction('ReceiveInboundMail', inbound.fn);
      monitoring.watchDeadLetterQueue('ReceiveInboundMail', inbound.deadLetterQueue);
      new CfnOutput(this, 'InboundRuleSetName', {
        value: inbound.ruleSet.receiptRuleSetName,
        description: 'Activate once: aws ses set-active-receipt-rule-set --rule-set-name <this>',
      });
    }

    NagSuppressions.addStackSuppressions(this, [
      {
        id: 'AwsSolutions-IAM4',
        reason:
          'AWSLambdaBasicExecutionRole only lets a function write its own CloudWatch logs; every other permission is a statement of our own, scoped to the resources the function uses.',
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
    ]);

    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint, description: 'GraphQL at <ApiUrl>/graphql' });
    new CfnOutput(this, 'PublicBaseUrl', { value: publicBaseUrl, description: 'Base of the links in emails' });
    new CfnOutput(this, 'UserPoolId', { value: users.pool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: users.appClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'LinkSigningSecretArn', { value: linkSigningSecret.secretArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.topic.topicArn });
    mail.identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: 'Add to the DNS of the mail domain',
      });
    });
  }
}
