import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { S3EventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, EventType, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { S3 as SesS3Action } from 'aws-cdk-lib/aws-ses-actions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { inboundMailTableAccess } from '../../functions/runtime/table-access';
import type { StageSettings } from '../stage-settings';
import { createDeadLetterQueue } from './dead-letter-queue';
import { DeStekFunction } from './destek-function';
import type { Mail } from './mail';

/** Received messages are kept this long (for a look after the fact), then S3 deletes them. */
export const inboundRetentionDays = 30;
const prefix = 'inbound/';

/**
 * The organizer address as a mailbox the system reads: an SES receipt rule (recipient: the
 * organizer address, spam and virus scan on) stores each message in an encrypted bucket, whose
 * event starts `receive-inbound-mail`. The rule set must be made the active one once by hand
 * (CloudFormation cannot), and the domain's MX record must point at SES: see the README.
 */
export class InboundMail extends Construct {
  readonly bucket: Bucket;
  readonly fn: DeStekFunction;
  readonly ruleSet: ReceiptRuleSet;
  readonly deadLetterQueue: ReturnType<typeof createDeadLetterQueue>;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; table: ITable; mail: Mail; environment: Record<string, string> },
  ) {
    super(scope, id);
    const { settings } = props;
    const prod = settings.stage === 'prod';
    const accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    NagSuppressions.addResourceSuppressions(accessLogs, [
      {
        id: 'AwsSolutions-S1',
        reason: 'This bucket holds the server access logs of the inbound-mail bucket; logging its own access would loop.',
      },
    ]);
    this.bucket = new Bucket(this, 'Messages', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ prefix, expiration: Duration.days(inboundRetentionDays) }],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'messages/',
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.deadLetterQueue = createDeadLetterQueue(this, 'DeadLetters');
    this.fn = new DeStekFunction(this, 'Function', {
      name: 'receive-inbound-mail',
      description: 'Mail to the organizer address: records calendar replies, forwards the rest to the coordinator',
      settings,
      table: props.table,
      tableAccess: inboundMailTableAccess,
      memorySize: 512,
      timeout: Duration.seconds(60),
      environment: { ...props.environment, COORDINATOR_EMAIL: settings.coordinatorEmail! },
      mail: props.mail,
      deadLetterQueue: this.deadLetterQueue,
    });
    // Reading the messages SES stores, nothing else: no listing, no writing, no deleting (S3 expires them).
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(`${prefix}*`)] }));
    NagSuppressions.addResourceSuppressions(
      this.fn,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'SES names each stored message by its own id: the function reads any object under the inbound/ prefix of this one bucket, and nothing else.',
          appliesTo: [{ regex: '/^Resource::<InboundMailMessages[0-9A-F]+\\.Arn>\\/inbound\\/\\*$/' }],
        },
      ],
      true,
    );
    this.fn.addEventSource(new S3EventSource(this.bucket, { events: [EventType.OBJECT_CREATED], filters: [{ prefix }] }));

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet', {
      rules: [
        {
          recipients: [settings.organizerEmail],
          scanEnabled: true,
          tlsPolicy: TlsPolicy.OPTIONAL,
          actions: [new SesS3Action({ bucket: this.bucket, objectKeyPrefix: prefix })],
        },
      ],
    });

    // The bucket notification is set by CDK's own custom resource (one per stack).
    const stack = Stack.of(this);
    const notificationsHandler = stack.node.tryFindChild('BucketNotificationsHandler050a0587b7544547bf325f094a3db834');
    if (notificationsHandler) {
      NagSuppressions.addResourceSuppressions(
        notificationsHandler,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              "CDK's bucket-notification custom resource needs s3:PutBucketNotification on the bucket it configures; its policy is CDK's own and only runs at deploy time.",
          },
        ],
        true,
      );
    }
  }
}
