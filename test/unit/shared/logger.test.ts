import { createLogger } from '../../../functions/shared/logger';

describe('logger', () => {
  it('writes JSON lines and keeps addresses quoted in errors out of the log', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { service: 'test' }, (line) => lines.push(line));
    logger.debug('hidden');
    logger.child({ job: 'j' }).error('send failed', { error: new Error('550 <an.peeters@example.be>: Recipient address rejected') });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'error', message: 'send failed', service: 'test', job: 'j' });
    expect(entry.error.message).toBe('550 <[email]>: Recipient address rejected');
    expect(lines[0]).not.toContain('peeters');
  });
});
