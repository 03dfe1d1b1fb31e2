import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Config } from './config';
import { createLogger, safeFields, type Logger, type LogLevel } from './logger';
import { metricNamespace } from './metric-names';

/**
 * Logs and metrics of a Lambda function. In AWS the logger writes through Powertools (its JSON
 * with the service name, cold start and trace id, which CloudWatch Logs Insights reads) and metrics
 * go out as Embedded Metric Format lines; locally the plain JSON logger is used and metrics are
 * dropped, so `npm start` and `npm run job` print only what a person reads.
 * Either way, fields pass through `safeFields`: errors lose their stack and quoted addresses.
 */
type Settings = Pick<Config, 'stage' | 'logLevel'>;

const powertoolsLevels: Record<LogLevel, 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT'> = {
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  silent: 'SILENT',
};

export function powertoolsLogger(target: PowertoolsLogger, base: Record<string, unknown> = {}): Logger {
  const fieldsOf = (fields?: Record<string, unknown>) => ({ ...base, ...safeFields(fields) });
  return {
    debug: (message, fields) => target.debug(message, fieldsOf(fields)),
    info: (message, fields) => target.info(message, fieldsOf(fields)),
    warn: (message, fields) => target.warn(message, fieldsOf(fields)),
    error: (message, fields) => target.error(message, fieldsOf(fields)),
    child: (fields) => powertoolsLogger(target, { ...base, ...fields }),
  };
}

export function createFunctionLogger(settings: Settings, service: string): Logger {
  if (settings.stage === 'local') return createLogger(settings.logLevel);
  return powertoolsLogger(new PowertoolsLogger({ serviceName: service, logLevel: powertoolsLevels[settings.logLevel] }));
}

export interface FunctionMetrics {
  count(name: string, value: number): void;
  milliseconds(name: string, value: number): void;
  /** Writes what was recorded since the last publish (one EMF line). */
  publish(): void;
}

const droppedMetrics: FunctionMetrics = { count: () => {}, milliseconds: () => {}, publish: () => {} };

export function createFunctionMetrics(settings: Settings, service: string, metrics?: Metrics): FunctionMetrics {
  if (settings.stage === 'local' && !metrics) return droppedMetrics;
  const target = metrics ?? new Metrics({ namespace: metricNamespace, serviceName: service });
  let recorded = false;
  return {
    count: (name, value) => {
      target.addMetric(name, MetricUnit.Count, value);
      recorded = true;
    },
    milliseconds: (name, value) => {
      target.addMetric(name, MetricUnit.Milliseconds, value);
      recorded = true;
    },
    publish: () => {
      if (recorded) target.publishStoredMetrics();
      recorded = false;
    },
  };
}
