import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage-settings';
import { apiPaths } from '../../functions/shared/links/api-paths';

/**
 * The HTTP API in front of the API functions: exactly the routes they serve (GraphQL and the
 * answer page by one function, calendar feeds by another),
 * throttled, CORS for the origins the settings name, and access logs without the caller's IP
 * address or the path (a calendar feed's path is its secret; the route key is logged instead).
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; graphqlFunction: IFunction; calendarFeedFunction: IFunction },
  ) {
    super(scope, id);
    const { settings } = props;
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: settings.stage === 'prod' ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    });
    this.httpApi = new HttpApi(this, 'Http', {
      description: `Locon De Stek API (${settings.stage})`,
      corsPreflight: {
        allowOrigins: settings.allowedOrigins,
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.OPTIONS],
        allowHeaders: ['authorization', 'content-type', 'apollo-require-preflight'],
        maxAge: Duration.hours(1),
      },
      createDefaultStage: false,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const graphql = new HttpLambdaIntegration('GraphqlFunction', props.graphqlFunction);
    // GraphQL and every page behind an email link: GET shows, POST acts.
    for (const path of Object.values(apiPaths)) {
      this.httpApi.addRoutes({ path, methods: [HttpMethod.GET, HttpMethod.POST], integration: graphql });
    }
    const feeds = new HttpLambdaIntegration('CalendarFeedFunction', props.calendarFeedFunction);
    this.httpApi.addRoutes({ path: '/calendar/{file}', methods: [HttpMethod.GET, HttpMethod.HEAD], integration: feeds });
    // Route throttling: the pages behind email links and the calendar feeds get a share of their own,
    // far below GraphQL's, so a flood on one route does not take the others' capacity. Per caller,
    // the API function adds its own budget (RATE_LIMIT_PER_MINUTE, docs/security.md).
    const linkRoute = { ThrottlingRateLimit: settings.linkRouteRateLimit, ThrottlingBurstLimit: settings.linkRouteRateLimit * 2 };
    const routeSettings: Record<string, typeof linkRoute> = {};
    for (const [name, path] of Object.entries(apiPaths)) {
      if (name === 'graphql') continue;
      for (const method of ['GET', 'POST']) routeSettings[`${method} ${path}`] = linkRoute;
    }
    for (const method of ['GET', 'HEAD']) routeSettings[`${method} /calendar/{file}`] = linkRoute;
    const cfnStage = stage.node.defaultChild as CfnStage;
    // RouteSettings is a map in CloudFormation, written as is (property names as CloudFormation spells them).
    cfnStage.addPropertyOverride('RouteSettings', routeSettings);
    // The routes must exist before their settings can name them.
    for (const route of this.httpApi.node.children.filter((child) => child.node.id.includes('Route'))) cfnStage.node.addDependency(route);
    NagSuppressions.addResourceSuppressions(
      this.httpApi,
      [
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'Some operations are public by design (the answer page behind email links, calendar feeds, the GraphQL viewer query without a token), so no route authorizer: the function verifies the Cognito ID token itself (aws-jwt-verify) and authorises every operation.',
        },
      ],
      true,
    );
  }
}
