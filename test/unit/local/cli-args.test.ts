import { UsageError } from '../../../functions/local/cli';
import { parseJobArgs, parseNow } from '../../../functions/local/job-cli';
import { parseStartArgs } from '../../../functions/local/start';
import { parseTokenArgs } from '../../../functions/local/token-cli';

const jobs = ['deliver-outbox', 'send-buurtbabbel-invitations'];

describe('npm run job arguments', () => {
  it('reads a job name with or without --now', () => {
    expect(parseJobArgs(['deliver-outbox'], jobs)).toEqual({ kind: 'run', name: 'deliver-outbox' });
    expect(parseJobArgs(['deliver-outbox', '--now', '2026-03-02T09:00:00+01:00'], jobs)).toEqual({
      kind: 'run',
      name: 'deliver-outbox',
      now: '2026-03-02T09:00:00.000+01:00',
    });
    expect(parseJobArgs(['--now=2026-07-01T09:00:00Z', 'send-buurtbabbel-invitations'], jobs)).toEqual({
      kind: 'run',
      name: 'send-buurtbabbel-invitations',
      now: '2026-07-01T11:00:00.000+02:00',
    });
    expect(parseJobArgs(['--list'], jobs)).toEqual({ kind: 'list' });
    expect(parseJobArgs(['deliver-outbox', '--help'], jobs)).toEqual({ kind: 'help' });
  });

  it('reads --now without an offset as Brussels time', () => {
    expect(parseNow('2026-03-02T09:00')).toBe('2026-03-02T09:00:00.000+01:00');
    expect(parseNow('2026-08-02')).toBe('2026-08-02T00:00:00.000+02:00');
  });

  it.each([
    [[], /Which job/],
    [['nope'], /Unknown job "nope". Known jobs: deliver-outbox, send-buurtbabbel-invitations/],
    [['deliver-outbox', '--now'], /--now needs a date-time/],
    [['deliver-outbox', '--now', 'tomorrow'], /not an ISO 8601 date-time/],
    [['deliver-outbox', '--now', '2026-02-30T09:00:00Z'], /not an ISO 8601 date-time/],
    [['deliver-outbox', '--now', '1700000000'], /not an ISO 8601 date-time/],
    [['deliver-outbox', 'send-buurtbabbel-invitations'], /One job at a time/],
    [['deliver-outbox', '--verbose'], /Unknown option --verbose/],
    [['--list', 'deliver-outbox'], /--list takes no job name/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseJobArgs(argv, jobs)).toThrow(UsageError);
    expect(() => parseJobArgs(argv, jobs)).toThrow(message);
  });
});

describe('npm run token arguments', () => {
  it('reads a coordinator or a partner token request', () => {
    expect(parseTokenArgs(['--email', 'an@example.be', '--role', 'COORDINATOR'])).toEqual({ email: 'an@example.be', role: 'COORDINATOR' });
    expect(parseTokenArgs(['--email=an@example.be', '--role=partner', '--partner', 'p-1'])).toEqual({
      email: 'an@example.be',
      role: 'PARTNER',
      partnerId: 'p-1',
    });
    expect(parseTokenArgs(['-h'])).toBe('help');
  });

  it.each([
    [[], /--email is required/],
    [['--email', 'not-an-address', '--role', 'COORDINATOR'], /not an email address/],
    [['--email', 'an@example.be'], /--role must be/],
    [['--email', 'an@example.be', '--role', 'ADMIN'], /--role must be/],
    [['--email', 'an@example.be', '--role', 'PARTNER'], /needs --partner/],
    [['--email', '--role', 'PARTNER'], /--email needs a value/],
    [['--email', 'an@example.be', '--role', 'COORDINATOR', '--admin', 'yes'], /Unknown option --admin/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseTokenArgs(argv)).toThrow(UsageError);
    expect(() => parseTokenArgs(argv)).toThrow(message);
  });
});

describe('npm start arguments', () => {
  it('reads --seed, SEED=1, --in-memory and --host', () => {
    expect(parseStartArgs([])).toEqual({ seed: false, inMemory: false });
    expect(parseStartArgs(['--seed', '--in-memory'])).toEqual({ seed: true, inMemory: true });
    expect(parseStartArgs([], { SEED: '1' })).toEqual({ seed: true, inMemory: false });
    expect(parseStartArgs(['--host', '0.0.0.0'])).toEqual({ seed: false, inMemory: false, host: '0.0.0.0' });
    expect(() => parseStartArgs(['--seeds'])).toThrow(UsageError);
    expect(() => parseStartArgs(['--host'])).toThrow(UsageError);
  });
});
