import { createApp, type AppServices } from '../app/create-app';
import { getRuntimeConfig, type ConfigNeeds } from '../shared/config';
import { metricNames } from '../shared/metric-names';
import { createFunctionLogger, createFunctionMetrics } from '../shared/observability';
import { oncePerColdStart } from './cold-start';
import type { JobEvent, JobHandler, JobResult } from './scheduled-job';

export interface LambdaJobOptions<R> {
  /** Counts of a run published as metrics. */
  countsOf?: (result: R) => Record<string, number>;
  /**
   * Whether the job signs or checks email-link tokens (true when left out). Must match its
   * `usesLinkSigningSecret` in scheduled-jobs.ts, which decides whether its function may read it.
   */
  linkSigningSecret?: boolean;
}

/**
 * A scheduled job's Lambda handler: the app built once per execution environment (secrets read
 * at cold start), the run's `now` checked, and each run's duration and counts published as metrics.
 * The same handler runs locally, where metrics are dropped.
 */
export function lambdaJob<R extends JobResult>(
  name: string,
  run: (app: AppServices, asOf: Date | undefined, limits: { remainingMs?: () => number }) => Promise<R>,
  options: LambdaJobOptions<R> = {},
): JobHandler {
  const countsOf = options.countsOf ?? ((): Record<string, number> => ({}));
  const needs: ConfigNeeds = { linkSigningSecret: options.linkSigningSecret ?? true };
  const ready = oncePerColdStart(async () => {
    const config = await getRuntimeConfig(needs);
    return { app: createApp(config, { logger: createFunctionLogger(config, name) }), metrics: createFunctionMetrics(config, name) };
  });
  // Lambda passes its context second: how much of the run's time is left (absent locally).
  return async (event: JobEvent, context?: { getRemainingTimeInMillis?: () => number }) => {
    const { app, metrics } = await ready();
    const asOf = event?.now ? new Date(event.now) : undefined;
    if (asOf && Number.isNaN(asOf.getTime())) throw new Error(`invalid "now": ${event.now}`);
    const started = Date.now();
    try {
      const remaining = context?.getRemainingTimeInMillis;
      const result = await run(app, asOf, remaining ? { remainingMs: () => remaining.call(context) } : {});
      for (const [metric, value] of Object.entries(countsOf(result))) metrics.count(metric, value);
      return result;
    } finally {
      metrics.milliseconds(metricNames.jobDuration, Date.now() - started);
      metrics.publish();
    }
  };
}
