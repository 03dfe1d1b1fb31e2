import { ConfigError, parseConfig } from '../../../functions/shared/config';

const secret = 'x'.repeat(32);

describe('configuration', () => {
  it('has sensible local defaults', () => {
    const config = parseConfig({ LINK_SIGNING_SECRET: secret });
    expect(config).toMatchObject({ stage: 'local', port: 4000, tableName: 'destek', outboxDir: '.data/outbox', smtpUrl: undefined, publicBaseUrl: 'http://localhost:4000' });
  });

  it('stops with every problem named', () => {
    expect(() => parseConfig({ PORT: 'abc', SMTP_URL: 'http://x', LINK_SIGNING_SECRET: 'short' })).toThrow(ConfigError);
    try {
      parseConfig({ PORT: 'abc', SMTP_URL: 'http://x', LINK_SIGNING_SECRET: 'short' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/SMTP_URL/);
      expect((error as Error).message).toMatch(/LINK_SIGNING_SECRET/);
    }
  });

  it('paces buurtbabbel mailings at 30 a minute unless told otherwise, and refuses a rate of 0', () => {
    expect(parseConfig({ LINK_SIGNING_SECRET: secret }).buurtbabbelSendRatePerMinute).toBe(30);
    expect(parseConfig({ LINK_SIGNING_SECRET: secret, BUURTBABBEL_SEND_RATE_PER_MINUTE: '120' }).buurtbabbelSendRatePerMinute).toBe(120);
    expect(() => parseConfig({ LINK_SIGNING_SECRET: secret, BUURTBABBEL_SEND_RATE_PER_MINUTE: '0' })).toThrow(/BUURTBABBEL_SEND_RATE_PER_MINUTE/);
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ LINK_SIGNING_SECRET: secret, SMTP_URL: '' }).smtpUrl).toBeUndefined();
  });
});
