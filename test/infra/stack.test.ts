import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { scheduledJobs } from '../../functions/runtime/scheduled-jobs';
import {
  apiTableAccess,
  calendarFeedTableAccess,
  inboundMailTableAccess,
  sesEventsTableAccess,
} from '../../functions/runtime/table-access';
import type { TableAccess } from '../../functions/shared/dynamodb/table-access';
import { tableDefinition } from '../../functions/shared/dynamodb/table-definition';
import { loadConfig, parseConfig } from '../../functions/shared/config';
import { lambdaEntries } from '../../infra/bundling';
import { resourcesOf, synthesize, type Synthesized } from './synth';

/**
 * The CDK app, synthesized once per stage without bundling (the template only; the bundles are
 * made and checked in bundles.test.ts). Assertions read the CloudFormation template; cdk-nag's
 * AwsSolutions pack runs inside the synthesis.
 */
let dev: Synthesized;
let prod: Synthesized;

beforeAll(() => {
  // Dev as a tester deploys it while SES is still in the sandbox, with a slower buurtbabbel pace.
  dev = synthesize('dev', { bundle: false, context: { sesSandboxRecipients: 'tester@example.org', buurtbabbelSendRatePerMinute: '12' } });
  prod = synthesize('prod', { bundle: false });
}, 120_000);

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** The Lambda function whose handler file is functions/handlers/<name>.ts (tagged destek:handler=<name>). */
function functionId(s: Synthesized, name: string): string {
  const functions = Object.entries(resourcesOf(s.template, 'AWS::Lambda::Function'));
  const found = functions.find(([, fn]) =>
    fn.Properties.Tags?.some((tag: { Key: string; Value: string }) => tag.Key === 'destek:handler' && tag.Value === name),
  );
  if (!found) throw new Error(`no function for handler ${name}`);
  return found[0];
}

function statementsOf(s: Synthesized, fnId: string): Statement[] {
  const fn = resourcesOf(s.template, 'AWS::Lambda::Function')[fnId];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values(resourcesOf(s.template, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsOf = (statement: Statement) => [statement.Action].flat();
const tableArn = { 'Fn::GetAtt': [expect.stringMatching(/^Data/), 'Arn'] };

function expectExactTableAccess(statements: Statement[], access: TableAccess): void {
  const dynamo = statements.filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
  for (const statement of dynamo) for (const action of actionsOf(statement)) expect(action).not.toContain('*');
  const onTable = dynamo.filter((statement) => JSON.stringify(statement.Resource).match(/^\{"Fn::GetAtt":\["Data[0-9A-F]+","Arn"\]\}$/));
  expect(onTable.flatMap(actionsOf).sort()).toEqual(access.table.map((action) => `dynamodb:${action}`).sort());
  onTable.forEach((statement) => expect(statement.Resource).toEqual(tableArn));
  const onIndexes = dynamo.filter((statement) => JSON.stringify(statement.Resource).includes('/index/'));
  expect(onIndexes.flatMap(actionsOf)).toEqual(access.queriedIndexes.length ? ['dynamodb:Query'] : []);
  const indexes = onIndexes.flatMap((statement) =>
    [statement.Resource].flat().map((resource) => JSON.stringify(resource).match(/\/index\/(\w+)/)![1]),
  );
  expect(indexes.sort()).toEqual([...access.queriedIndexes].sort());
}

describe('CDK app', () => {
  it('passes the cdk-nag AwsSolutions checks: no error and no warning left unsuppressed', () => {
    const findings = [
      ...Annotations.fromStack(dev.stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(dev.stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(prod.stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((finding) => `${finding.id}: ${String(finding.entry.data).slice(0, 120)}`)).toEqual([]);
  });

  it('writes every cdk-nag suppression with its reason into the template metadata', () => {
    type WithNag = { Metadata?: { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } } };
    const template = dev.template.toJSON() as WithNag & { Resources: Record<string, WithNag> };
    // Stack-wide suppressions sit in the template's own metadata, the others on their resource.
    const suppressions = Object.entries({ '(stack)': template, ...template.Resources }).flatMap(([id, resource]) =>
      (resource.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((rule) => ({ resource: id, ...rule })),
    );
    const rules = new Set(suppressions.map((suppression) => suppression.id));
    expect([...rules].sort()).toEqual(
      [
        'AwsSolutions-APIG4',
        'AwsSolutions-COG2',
        'AwsSolutions-COG8',
        'AwsSolutions-IAM4',
        'AwsSolutions-IAM5',
        'AwsSolutions-L1',
        'AwsSolutions-S1',
        'AwsSolutions-SMG4',
        'AwsSolutions-SNS2',
        'AwsSolutions-SQS3',
      ].sort(),
    );
    for (const suppression of suppressions) expect(suppression.reason.length).toBeGreaterThan(80);
    // IAM4 is allowed for the basic execution role only.
    const iam4 = suppressions.filter((suppression) => suppression.id === 'AwsSolutions-IAM4');
    for (const suppression of iam4) expect(JSON.stringify(suppression)).toContain('AWSLambdaBasicExecutionRole');
  });

  it('creates the single table from the same definition as the local stack: on demand, PITR, TTL, stream', () => {
    const definition = tableDefinition('x');
    const tables = Object.values(resourcesOf(dev.template, 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const table = tables[0].Properties;
    expect(table.KeySchema).toEqual(definition.KeySchema);
    expect([...table.AttributeDefinitions].sort((a, b) => a.AttributeName.localeCompare(b.AttributeName))).toEqual(
      [...definition.AttributeDefinitions!].sort((a, b) => a.AttributeName!.localeCompare(b.AttributeName!)),
    );
    expect(table.GlobalSecondaryIndexes.map(({ IndexName, KeySchema, Projection }: any) => ({ IndexName, KeySchema, Projection }))).toEqual(
      definition.GlobalSecondaryIndexes,
    );
    expect(table).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      StreamSpecification: { StreamViewType: definition.StreamSpecification!.StreamViewType },
    });
  });

  it('keeps the prod table and user pool when the stack goes, and protects the table from deletion', () => {
    const [prodTable] = Object.values(resourcesOf(prod.template, 'AWS::DynamoDB::Table'));
    expect(prodTable).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { DeletionProtectionEnabled: true },
    });
    expect(Object.values(resourcesOf(prod.template, 'AWS::Cognito::UserPool'))[0]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { DeletionProtection: 'ACTIVE' },
    });
    expect(Object.values(resourcesOf(prod.template, 'AWS::SecretsManager::Secret'))[0].DeletionPolicy).toBe('Retain');
    const [devTable] = Object.values(resourcesOf(dev.template, 'AWS::DynamoDB::Table'));
    expect(devTable.DeletionPolicy).toBe('Delete');
    expect(devTable.Properties.DeletionProtectionEnabled).toBe(false);
  });

  it('has one Node.js 22 arm64 function per handler', () => {
    const all = resourcesOf(dev.template, 'AWS::Lambda::Function');
    // Besides ours, only CDK's own deploy-time handler that sets the inbound bucket's notification.
    const functions = Object.fromEntries(Object.entries(all).filter(([id]) => !id.startsWith('BucketNotificationsHandler')));
    expect(Object.keys(all).length - Object.keys(functions).length).toBe(1);
    const names = lambdaEntries().map((entry) => entry.name);
    expect(Object.keys(functions)).toHaveLength(names.length);
    for (const name of names) {
      const fn = functions[functionId(dev, name)].Properties;
      expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.Environment.Variables).toMatchObject({
        STAGE: 'dev',
        TABLE_NAME: { Ref: expect.stringMatching(/^Data/) },
      });
      // Source maps cost start-up time: applied only when the stage asks for them.
      expect(fn.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    }
  });

  it('gives each function the memory size chosen from its measured peak RSS (README "Lambda memory sizes")', () => {
    const memory = (name: string) => resourcesOf(prod.template, 'AWS::Lambda::Function')[functionId(prod, name)].Properties.MemorySize;
    // The API more than its memory needs: Lambda's CPU grows with it, and the API's latency counts.
    expect(memory('api')).toBe(1024);
    for (const job of scheduledJobs) expect([job.name, memory(job.name)]).toEqual([job.name, job.memoryMb]);
    expect(scheduledJobs.map((job) => job.memoryMb)).toEqual([512, 384, 384, 384]);
    for (const name of ['calendar-feed', 'receive-inbound-mail']) expect(memory(name)).toBe(512);
    expect(memory('ses-events')).toBe(256);
  });

  it('maps stack traces to the sources only when the stage asks for it (sourceMaps)', () => {
    const traced = synthesize('dev', { bundle: false, context: { sourceMaps: 'true' } });
    const functions = Object.values(resourcesOf(traced.template, 'AWS::Lambda::Function')).filter(
      (fn) => fn.Properties.Environment?.Variables?.STAGE === 'dev',
    );
    expect(functions).toHaveLength(lambdaEntries().length);
    for (const fn of functions) expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('grants each function exactly the table actions and indexes its code uses, and SES and the secret only where needed', () => {
    const secretOf = (name: string) => lambdaEntries().find((entry) => entry.name === name)!.usesLinkSigningSecret;
    const expected: Record<string, { access: TableAccess; mail: boolean; secret: boolean }> = {
      api: { access: apiTableAccess, mail: false, secret: secretOf('api') },
      'calendar-feed': { access: calendarFeedTableAccess, mail: false, secret: secretOf('calendar-feed') },
      'ses-events': { access: sesEventsTableAccess, mail: false, secret: secretOf('ses-events') },
      ...Object.fromEntries(
        scheduledJobs.map((job) => [job.name, { access: job.tableAccess, mail: job.sendsMail, secret: job.usesLinkSigningSecret }]),
      ),
    };
    // Only what signs or checks links holds the key: the API (answer pages) and deliver-outbox (the links in mails).
    expect(
      Object.entries(expected)
        .filter(([, { secret }]) => secret)
        .map(([name]) => name)
        .sort(),
    ).toEqual(['api', 'deliver-outbox']);
    for (const [name, { access, mail, secret }] of Object.entries(expected)) {
      const statements = statementsOf(dev, functionId(dev, name));
      expectExactTableAccess(statements, access);
      const actions = statements.flatMap(actionsOf);
      expect(actions.filter((action) => action.startsWith('ses:')).sort()).toEqual(mail ? ['ses:SendEmail', 'ses:SendRawEmail'] : []);
      expect(actions.includes('secretsmanager:GetSecretValue')).toBe(secret);
      for (const action of actions) expect(action).not.toMatch(/^[a-z0-9-]+:\*$|^\*$/);
      const variables = resourcesOf(dev.template, 'AWS::Lambda::Function')[functionId(dev, name)].Properties.Environment.Variables;
      expect(variables.MAIL_TRANSPORT).toBe(mail ? 'ses' : undefined);
      expect('LINK_SIGNING_SECRET_ARN' in variables).toBe(secret);
      expect('LINK_SIGNING_SECRET' in variables).toBe(false);
    }
  });

  it('schedules every job in Brussels time with its expression, the planned time as input, retries and a dead-letter queue', () => {
    const schedules = Object.values(resourcesOf(dev.template, 'AWS::Scheduler::Schedule'));
    expect(schedules).toHaveLength(scheduledJobs.length);
    for (const job of scheduledJobs) {
      // Found by its target: two jobs may share an expression (every 15 minutes).
      const target = { 'Fn::GetAtt': [functionId(dev, job.name), 'Arn'] };
      const found = schedules.filter((candidate) => JSON.stringify(candidate.Properties.Target.Arn) === JSON.stringify(target));
      expect(found).toHaveLength(1);
      const { Properties: properties } = found[0];
      expect(properties.ScheduleExpression).toBe(job.schedule);
      expect(properties.ScheduleExpressionTimezone).toBe('Europe/Brussels');
      expect(JSON.parse(properties.Target.Input)).toEqual({ now: '<aws.scheduler.scheduled-time>' });
      expect(properties.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
      expect(properties.Target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/DeadLetters/);
      // Lambda's own retries of a run that threw end in the same queue.
      const invokeConfig = Object.values(resourcesOf(dev.template, 'AWS::Lambda::EventInvokeConfig')).find(
        (config) => config.Properties.FunctionName.Ref === functionId(dev, job.name),
      );
      expect(invokeConfig?.Properties).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
      const fn = resourcesOf(dev.template, 'AWS::Lambda::Function')[functionId(dev, job.name)].Properties;
      expect(fn.DeadLetterConfig.TargetArn).toEqual(properties.Target.DeadLetterConfig.Arn);
    }
  });

  it('runs each job at its moment: the outbox every minute, buurtbabbel rounds every 15 minutes, reviews daily at 08:00 Brussels time, meeting reminders every 15 minutes', () => {
    const expressions = Object.fromEntries(
      Object.values(resourcesOf(dev.template, 'AWS::Scheduler::Schedule')).map((schedule) => {
        const target = schedule.Properties.Target.Arn['Fn::GetAtt'][0];
        const name = lambdaEntries().find((entry) => functionId(dev, entry.name) === target)!.name;
        return [name, `${schedule.Properties.ScheduleExpression} ${schedule.Properties.ScheduleExpressionTimezone}`];
      }),
    );
    expect(expressions).toEqual({
      'deliver-outbox': 'rate(1 minute) Europe/Brussels',
      'send-buurtbabbel-invitations': 'rate(15 minutes) Europe/Brussels',
      'send-consolidation-reviews': 'cron(0 8 * * ? *) Europe/Brussels',
      'send-meeting-reminders': 'rate(15 minutes) Europe/Brussels',
    });
  });

  it("gives every function the environment its configuration needs: the stage's addresses, the API's URL for links, no local default", async () => {
    const apiEndpoint = 'https://abc123.execute-api.eu-west-1.amazonaws.com';
    const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:LinkSigningSecret-AbCdEf';
    const resources = dev.template.toJSON().Resources as Record<string, { Type: string }>;
    // What CloudFormation puts in place of each reference, by the referenced resource's type.
    const refValues: Record<string, string> = {
      'AWS::DynamoDB::Table': 'DeStek-dev-Data',
      'AWS::SecretsManager::Secret': secretArn,
      'AWS::Cognito::UserPool': 'eu-west-1_AbCdEf123',
      'AWS::Cognito::UserPoolClient': '1example23456789',
      'AWS::SES::ConfigurationSet': 'DeStek-dev-configuration-set',
    };
    const resolve = (value: any): string => {
      if (typeof value === 'string') return value;
      if (value.Ref) return refValues[resources[value.Ref].Type] ?? `(unresolved ${resources[value.Ref].Type})`;
      if (value['Fn::GetAtt']?.[1] === 'ApiEndpoint') return apiEndpoint;
      throw new Error(`cannot resolve ${JSON.stringify(value)}`);
    };
    const reader = async (id: string) => {
      if (id !== secretArn) throw new Error(`unknown secret ${id}`);
      return 's'.repeat(64);
    };
    for (const { name, sendsMail, usesLinkSigningSecret } of lambdaEntries()) {
      const variables = resourcesOf(dev.template, 'AWS::Lambda::Function')[functionId(dev, name)].Properties.Environment.Variables;
      const env = Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, resolve(value)]));
      if (name === 'ses-events') {
        expect(parseConfig(env, { linkSigningSecret: false })).toMatchObject({
          stage: 'dev',
          tableName: 'DeStek-dev-Data',
          logLevel: 'debug',
        });
        continue;
      }
      const config = await loadConfig(env, reader, { linkSigningSecret: usesLinkSigningSecret });
      if (usesLinkSigningSecret) expect(config.linkSigningSecret).toBe('s'.repeat(64));
      expect({ name, ...config }).toMatchObject({
        name,
        stage: 'dev',
        tableName: 'DeStek-dev-Data',
        publicBaseUrl: apiEndpoint,
        mailFrom: 'Locon De Stek (test) <overleg@dev.destek.example.be>',
        organizer: { email: 'overleg@dev.destek.example.be', name: 'Locon De Stek (test)' },
      });
      expect({ name, transport: config.mailTransport, set: config.sesConfigurationSet }).toEqual(
        sendsMail ? { name, transport: 'ses', set: 'DeStek-dev-configuration-set' } : { name, transport: 'file', set: undefined },
      );
      if (name === 'api') expect(config.cognito).toEqual({ userPoolId: 'eu-west-1_AbCdEf123', clientId: '1example23456789' });
      // Where buurtbabbel mailings are planned (the rounds, a cancellation through the API) the stage's pace holds.
      expect({ name, rate: config.buurtbabbelSendRatePerMinute }).toEqual({ name, rate: 12 });
    }
    const prodApi = resourcesOf(prod.template, 'AWS::Lambda::Function')[functionId(prod, 'api')].Properties.Environment.Variables;
    expect(prodApi.BUURTBABBEL_SEND_RATE_PER_MINUTE).toBeUndefined();
  });

  it('lets the mail function send to the verified test recipients while SES is in the sandbox, and to no other address', () => {
    /** The SES resources deliver-outbox may send against, as `identity/<name>` or `configuration-set/<name>`. */
    const sesResources = (s: Synthesized) =>
      statementsOf(s, functionId(s, 'deliver-outbox'))
        .filter((statement) => actionsOf(statement).includes('ses:SendRawEmail'))
        .flatMap((statement) => [statement.Resource].flat() as { 'Fn::Join': [string, unknown[]] }[])
        .map((resource) =>
          resource['Fn::Join'][1]
            .map((part) => (typeof part === 'string' ? part : `<${(part as { Ref: string }).Ref.replace(/[0-9A-F]{8}$/, '')}>`))
            .join('')
            .replace(/^arn:aws:ses:eu-west-1:<AWS::AccountId>:/, ''),
        )
        .sort();
    expect(sesResources(dev)).toEqual(['configuration-set/<MailConfigurationSet>', 'identity/<MailDomain>', 'identity/tester@example.org']);
    expect(sesResources(prod)).toEqual(['configuration-set/<MailConfigurationSet>', 'identity/<MailDomain>']);
  });

  it('runs deliver-outbox on the table stream too, for inserted dispatches only', () => {
    const mappings = Object.values(resourcesOf(dev.template, 'AWS::Lambda::EventSourceMapping'));
    expect(mappings).toHaveLength(1);
    const [mapping] = mappings;
    expect(mapping.Properties.FunctionName).toEqual({ Ref: functionId(dev, 'deliver-outbox') });
    expect(mapping.Properties.EventSourceArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Data/), 'StreamArn'] });
    expect(JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { Keys: { SK: { S: ['DISPATCH'] } } },
    });
    expect(mapping.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0]).toMatch(/DeadLetters/);
  });

  it('serves exactly the API routes, throttled, with CORS for the configured origins only', () => {
    const routes = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Route'))
      .map((route) => route.Properties.RouteKey)
      .sort();
    expect(routes).toEqual(
      [
        'GET /buurtbabbel/answer',
        'GET /calendar/{file}',
        'GET /graphql',
        'GET /matrix/heat-map',
        'GET /review',
        'GET /rsvp',
        'GET /unsubscribe',
        'HEAD /calendar/{file}',
        'POST /buurtbabbel/answer',
        'POST /graphql',
        'POST /matrix/heat-map',
        'POST /review',
        'POST /rsvp',
        'POST /unsubscribe',
      ].sort(),
    );
    const [api] = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Api'));
    expect(api.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['http://localhost:8081', 'http://localhost:19006'],
      AllowHeaders: ['authorization', 'content-type', 'apollo-require-preflight'],
    });
    const [stage] = Object.values(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Stage'));
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 });
    // Every route but GraphQL is throttled on its own, far below the API's default.
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(routes.filter((route) => !route.endsWith(' /graphql')));
    for (const setting of Object.values<any>(stage.Properties.RouteSettings)) {
      expect(setting).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    }
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/sourceIp|\$context\.path/);
    const [prodApi] = Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Api'));
    expect(prodApi.Properties.CorsConfiguration.AllowOrigins).toEqual(['https://app.destek.example.be']);
  });

  it('has a Cognito user pool with the two role groups, email sign-in, no self sign-up, and an app client that cannot write its partnerId', () => {
    const [pool] = Object.values(resourcesOf(dev.template, 'AWS::Cognito::UserPool'));
    expect(pool.Properties).toMatchObject({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true }, UsernameAttributes: ['email'] });
    expect(pool.Properties.Schema).toEqual(expect.arrayContaining([expect.objectContaining({ Name: 'partnerId', Mutable: true })]));
    const groups = Object.values(resourcesOf(dev.template, 'AWS::Cognito::UserPoolGroup'))
      .map((group) => group.Properties.GroupName)
      .sort();
    expect(groups).toEqual(['COORDINATOR', 'PARTNER']);
    const [client] = Object.values(resourcesOf(dev.template, 'AWS::Cognito::UserPoolClient'));
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.WriteAttributes ?? []).toEqual([]);
    expect(client.Properties.ReadAttributes).toContain('custom:partnerId');
    const api = resourcesOf(dev.template, 'AWS::Lambda::Function')[functionId(dev, 'api')].Properties.Environment.Variables;
    expect(api.COGNITO_USER_POOL_ID).toEqual({ Ref: expect.stringMatching(/^UsersPool/) });
    expect(api.COGNITO_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/^UsersPoolMobileApp/) });
  });

  it('receives mail for the organizer address: SES receipt rule into an encrypted, expiring bucket, read by receive-inbound-mail', () => {
    for (const s of [dev, prod]) {
      const rules = Object.values(resourcesOf(s.template, 'AWS::SES::ReceiptRule'));
      expect(rules).toHaveLength(1);
      const rule = rules[0].Properties.Rule;
      expect(rule.Recipients).toEqual([s === dev ? 'overleg@dev.destek.example.be' : 'overleg@destek.example.be']);
      expect(rule.ScanEnabled).toBe(true);
      const bucketId = rule.Actions[0].S3Action.BucketName.Ref;
      const bucket = resourcesOf(s.template, 'AWS::S3::Bucket')[bucketId].Properties;
      expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      expect(bucket.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled' })]);
      expect(bucket.LoggingConfiguration).toBeDefined();
      const fnId = functionId(s, 'receive-inbound-mail');
      const fn = resourcesOf(s.template, 'AWS::Lambda::Function')[fnId].Properties;
      expect(fn.Environment.Variables).toMatchObject({ COORDINATOR_EMAIL: 'coordinator@schakel.example.be', MAIL_TRANSPORT: 'ses' });
      const statements = statementsOf(s, fnId);
      expect(statements.some((st) => actionsOf(st).includes('s3:GetObject'))).toBe(true);
      expect(statements.some((st) => actionsOf(st).some((a) => a.startsWith('s3:Put') || a.startsWith('s3:Delete')))).toBe(false);
      expectExactTableAccess(statements, inboundMailTableAccess);
    }
  });

  it('sends mail through an SES configuration set whose bounces and complaints reach the ses-events function', () => {
    const [identity] = Object.values(resourcesOf(dev.template, 'AWS::SES::EmailIdentity'));
    expect(identity.Properties.EmailIdentity).toBe('dev.destek.example.be');
    const [destination] = Object.values(resourcesOf(dev.template, 'AWS::SES::ConfigurationSetEventDestination'));
    expect(destination.Properties.EventDestination.MatchingEventTypes.sort()).toEqual(['bounce', 'complaint']);
    const topicId = destination.Properties.EventDestination.SnsDestination.TopicARN.Ref;
    const subscriptions = Object.values(resourcesOf(dev.template, 'AWS::SNS::Subscription')).filter(
      (subscription) => subscription.Properties.TopicArn.Ref === topicId,
    );
    expect(subscriptions.map((subscription) => subscription.Properties.Endpoint)).toEqual([
      { 'Fn::GetAtt': [functionId(dev, 'ses-events'), 'Arn'] },
    ]);
    const outbox = resourcesOf(dev.template, 'AWS::Lambda::Function')[functionId(dev, 'deliver-outbox')].Properties.Environment.Variables;
    expect(outbox.SES_CONFIGURATION_SET).toEqual({ Ref: expect.stringMatching(/^MailConfigurationSet/) });
  });

  it('alarms on every function error, every dead-letter queue, emails given up on and the SES bounce and complaint rates', () => {
    const alarms = Object.values(resourcesOf(dev.template, 'AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
    for (const name of lambdaEntries().map((entry) => entry.name)) {
      expect(alarms.some((alarm) => alarm.MetricName === 'Errors' && alarm.Dimensions[0].Value.Ref === functionId(dev, name))).toBe(true);
    }
    const queues = Object.keys(resourcesOf(dev.template, 'AWS::SQS::Queue'));
    for (const queue of queues) {
      expect(
        alarms.some(
          (alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible' && alarm.Dimensions[0].Value['Fn::GetAtt'][0] === queue,
        ),
      ).toBe(true);
    }
    expect(alarms.map((alarm) => alarm.MetricName)).toEqual(
      expect.arrayContaining(['Reputation.BounceRate', 'Reputation.ComplaintRate', 'EmailsFailed']),
    );
    // A job that fails on one record goes on with the others; the records it left raise an alarm.
    for (const job of scheduledJobs) {
      expect(alarms).toContainEqual(
        expect.objectContaining({
          Namespace: 'DeStek',
          MetricName: 'JobRecordsFailed',
          Dimensions: [{ Name: 'service', Value: job.name }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
    }
    for (const alarm of alarms) expect(alarm.AlarmActions).toHaveLength(1);
  });
});
