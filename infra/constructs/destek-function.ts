import { Duration, RemovalPolicy, Tags } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { TableAccess } from '../../functions/shared/dynamodb/table-access';
import { tableIndexes } from '../../functions/shared/dynamodb/table-definition';
import { bundleMetafileContext, handlerEntry, lambdaBundling, projectRoot } from '../bundling';
import type { StageSettings } from '../stage-settings';
import type { Mail } from './mail';

export interface DeStekFunctionProps {
  /** Handler file `functions/handlers/<name>.ts`; also the service name in logs and metrics. */
  name: string;
  description: string;
  settings: StageSettings;
  table: ITable;
  tableAccess: TableAccess;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  /** Receives the events of failed asynchronous invocations (schedules, SNS) after Lambda's retries. */
  deadLetterQueue?: IQueue;
  /** For a function that signs or checks email-link tokens: named in its environment, and it may read it. */
  linkSigningSecret?: ISecret;
  /** For a function that sends email: SES as its transport, with the configuration set, and leave to send. */
  mail?: Mail;
}

/**
 * Every function of the app: Node.js 22 on arm64, bundled by the local esbuild (minified, source
 * maps), its own log group, the table's name in its environment, and exactly the table access its
 * code uses. The defaults live here so no function can drift from them.
 */
export class DeStekFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: DeStekFunctionProps) {
    const { settings } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: settings.stage === 'prod' ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: handlerEntry(props.name),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(60),
      projectRoot,
      depsLockFilePath: `${projectRoot}/package-lock.json`,
      bundling: { ...lambdaBundling, metafile: scope.node.tryGetContext(bundleMetafileContext) === true },
      logGroup,
      deadLetterQueue: props.deadLetterQueue,
      ...(props.deadLetterQueue ? { retryAttempts: 2, maxEventAge: Duration.hours(1) } : {}),
      environment: {
        STAGE: settings.stage,
        TABLE_NAME: props.table.tableName,
        LOG_LEVEL: settings.logLevel,
        // Stack traces point into the TypeScript sources only when asked: the maps cost start-up time.
        ...(settings.sourceMaps ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        ...props.environment,
        ...(props.mail ? { MAIL_TRANSPORT: 'ses', SES_CONFIGURATION_SET: props.mail.configurationSet.configurationSetName } : {}),
        ...(props.linkSigningSecret ? { LINK_SIGNING_SECRET_ARN: props.linkSigningSecret.secretArn } : {}),
      },
    });
    // Each grant beside the environment variable that makes the code use it, so the two cannot drift.
    grantTableAccess(this, props.table, props.tableAccess);
    props.mail?.grantSend(this);
    props.linkSigningSecret?.grantRead(this);
    // Names the handler in the console, in cost reports and for the template tests.
    Tags.of(this).add('destek:handler', props.name);
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 on purpose: the code and its tests run on Node 20 and 22 (package.json engines, CI on Node 20); moving to a newer runtime is a deliberate change made with the tests run on it. Node.js 22 is supported by Lambda until 2027.',
      },
    ]);
  }
}

/** One statement for the table's items, one for the queried indexes: nothing else, no wildcards. */
export function grantTableAccess(fn: NodejsFunction, table: ITable, access: TableAccess): void {
  if (access.table.length > 0) {
    fn.addToRolePolicy(new PolicyStatement({ actions: access.table.map((action) => `dynamodb:${action}`), resources: [table.tableArn] }));
  }
  if (access.queriedIndexes.length > 0) {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: access.queriedIndexes.map((index) => `${table.tableArn}/index/${tableIndexes[index].name}`),
      }),
    );
  }
}
