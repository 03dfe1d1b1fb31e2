import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createFunctionMetrics, powertoolsLogger } from '../../../functions/shared/observability';

/** Logs and metrics in Lambda go through Powertools; the logger keeps its no-personal-data rule. */
describe('Lambda observability', () => {
  let written: string[];
  let spies: jest.SpyInstance[];

  beforeEach(() => {
    written = [];
    // Powertools writes warnings and errors to stderr, the rest to stdout: both are CloudWatch Logs in Lambda.
    spies = [process.stdout, process.stderr].map((stream) =>
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }),
    );
  });
  afterEach(() => spies.forEach((spy) => spy.mockRestore()));

  it('writes Powertools JSON with the service name, child fields, and errors without their addresses', () => {
    const logger = powertoolsLogger(new PowertoolsLogger({ serviceName: 'deliver-outbox', logLevel: 'INFO' }));
    logger.debug('hidden');
    logger.child({ dispatchId: 'meeting.1.v2' }).error('send failed', { error: new Error('550 <an.peeters@example.be>: no such user') });
    const lines = written
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'ERROR',
      message: 'send failed',
      service: 'deliver-outbox',
      dispatchId: 'meeting.1.v2',
      error: { name: 'Error', message: '550 <[email]>: no such user' },
    });
    expect(written.join('')).not.toContain('peeters');
  });

  it('publishes counts and durations as one Embedded Metric Format line, and nothing when nothing was recorded', () => {
    const metrics = createFunctionMetrics(
      { stage: 'prod', logLevel: 'info' },
      'deliver-outbox',
      new Metrics({ namespace: 'DeStek', serviceName: 'deliver-outbox' }),
    );
    metrics.publish();
    expect(written).toEqual([]);
    metrics.count('EmailsSent', 3);
    metrics.milliseconds('JobDuration', 1250);
    metrics.publish();
    const emf = JSON.parse(written.join('').trim());
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'DeStek', Dimensions: [['service']] });
    expect(emf._aws.CloudWatchMetrics[0].Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'EmailsSent', Unit: 'Count' },
        { Name: 'JobDuration', Unit: 'Milliseconds' },
      ]),
    );
    expect(emf).toMatchObject({ service: 'deliver-outbox', EmailsSent: 3, JobDuration: 1250 });
  });

  it('drops metrics on the local stack', () => {
    const metrics = createFunctionMetrics({ stage: 'local', logLevel: 'info' }, 'deliver-outbox');
    metrics.count('EmailsSent', 1);
    metrics.publish();
    expect(written).toEqual([]);
  });
});
