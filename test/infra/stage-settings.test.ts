import { existsSync } from 'node:fs';
import { runnableJobs } from '../../functions/local/runnable-jobs';
import { scheduledJobs } from '../../functions/runtime/scheduled-jobs';
import { handlerEntry } from '../../infra/bundling';
import { readStageSettings } from '../../infra/stage-settings';
import { cdkContext } from './synth';

const contextOf = (values: Record<string, unknown>) => (key: string) => ({ ...cdkContext, ...values })[key];

describe('stage settings from CDK context', () => {
  it('reads a stage block from cdk.json', () => {
    expect(readStageSettings(contextOf({ stage: 'prod' }))).toMatchObject({
      stage: 'prod',
      region: 'eu-west-1',
      mailDomain: 'destek.example.be',
      organizerEmail: 'overleg@destek.example.be',
      allowedOrigins: ['https://app.destek.example.be'],
      apiRateLimit: 20,
    });
  });

  it('lets -c values override the block, lists given as comma-separated text', () => {
    const settings = readStageSettings(
      contextOf({
        stage: 'dev',
        mailDomain: 'stek.be',
        mailFrom: 'De Stek <hallo@stek.be>',
        organizerEmail: 'hallo@stek.be',
        allowedOrigins: 'https://a.stek.be, https://b.stek.be',
        apiRateLimit: '5',
      }),
    );
    expect(settings).toMatchObject({ mailDomain: 'stek.be', allowedOrigins: ['https://a.stek.be', 'https://b.stek.be'], apiRateLimit: 5 });
  });

  it('takes the SES sandbox recipients and the buurtbabbel pace from the command line, and refuses what SES or the code would', () => {
    const settings = readStageSettings(
      contextOf({ stage: 'dev', sesSandboxRecipients: 'an@example.org, bo@example.org', buurtbabbelSendRatePerMinute: '45' }),
    );
    expect(settings).toMatchObject({ sesSandboxRecipients: ['an@example.org', 'bo@example.org'], buurtbabbelSendRatePerMinute: 45 });
    const prod = readStageSettings(contextOf({ stage: 'prod' }));
    expect(prod.sesSandboxRecipients).toEqual([]);
    expect(prod.buurtbabbelSendRatePerMinute).toBeUndefined();
    expect(() => readStageSettings(contextOf({ stage: 'dev', sesSandboxRecipients: 'an@example.org,iemand' }))).toThrow(
      /sesSandboxRecipients/,
    );
    expect(() => readStageSettings(contextOf({ stage: 'dev', buurtbabbelSendRatePerMinute: '-1' }))).toThrow(
      /buurtbabbelSendRatePerMinute/,
    );
  });

  it('refuses an unknown stage, a missing setting and a sender outside the mail domain', () => {
    expect(() => readStageSettings(contextOf({ stage: 'test' }))).toThrow(/Unknown stage "test"/);
    expect(() => readStageSettings((key) => (key === 'stage' ? 'dev' : undefined))).toThrow(/mailDomain/);
    expect(() => readStageSettings(contextOf({ stage: 'dev', mailFrom: 'De Stek <x@gmail.com>' }))).toThrow(
      /mailFrom must be an address at mailDomain/,
    );
    expect(() => readStageSettings(contextOf({ stage: 'dev', publicBaseUrl: 'http://destek.example.be' }))).toThrow(
      /publicBaseUrl must be an https:\/\/ URL/,
    );
    expect(readStageSettings(contextOf({ stage: 'dev', publicBaseUrl: 'https://destek.example.be' })).publicBaseUrl).toBe(
      'https://destek.example.be',
    );
  });
});

describe('scheduled jobs as the CDK app reads them', () => {
  it.each(scheduledJobs.map((job) => [job.name, job] as const))(
    '%s has its handler file and a schedule EventBridge Scheduler accepts',
    async (_, job) => {
      expect(existsSync(handlerEntry(job.name))).toBe(true);
      // The same entry point the local stack loads (functions/local/runnable-jobs.ts) exports the handler.
      expect(typeof (await runnableJobs.find((runnable) => runnable.name === job.name)!.load())).toBe('function');
      expect(job.schedule).toMatch(/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+ \S+ \S+ \S+ \S+ \S+\))$/);
      expect(job.tableAccess.table.length + job.tableAccess.queriedIndexes.length).toBeGreaterThan(0);
    },
  );
});
