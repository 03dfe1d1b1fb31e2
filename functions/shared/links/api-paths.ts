/**
 * The paths the API function serves: GraphQL and the pages behind email links. The router
 * (http/graphql-routes.ts), the email renderers that build the links and the CDK app's API Gateway
 * routes (infra/constructs/api.ts) all read them here, so a new page cannot be forgotten in AWS.
 * This file imports nothing: the CDK app loads it at synth time.
 */
export const apiPaths = {
  graphql: '/graphql',
  /** Answer to a network-meeting invitation. */
  rsvp: '/rsvp',
  /** Answer to a consolidation review. */
  review: '/review',
  /** A neighbour's answer to a buurtbabbel invitation. */
  buurtbabbelAnswer: '/buurtbabbel/answer',
  /** Opting out of buurtbabbel invitations (also the RFC 8058 one-click POST). */
  unsubscribe: '/unsubscribe',
  /** The heat map of a matrix session (SVG), behind the signed link in MatrixSession.heatMapUrl. */
  matrixHeatMap: '/matrix/heat-map',
} as const;

export type ApiPathName = keyof typeof apiPaths;
