import { ConfigError, loadConfig, parseConfig } from '../../../functions/shared/config';

const secret = 'x'.repeat(32);

describe('configuration', () => {
  it('has sensible local defaults', () => {
    const config = parseConfig({ LINK_SIGNING_SECRET: secret });
    expect(config).toMatchObject({
      stage: 'local',
      port: 4000,
      tableName: 'destek',
      outboxDir: '.data/outbox',
      smtpUrl: undefined,
      publicBaseUrl: 'http://localhost:4000',
    });
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

  it('paces buurtbabbel mailings at 30 a minute unless told otherwise (0: no pacing), and refuses a negative rate', () => {
    expect(parseConfig({ LINK_SIGNING_SECRET: secret }).buurtbabbelSendRatePerMinute).toBe(30);
    expect(parseConfig({ LINK_SIGNING_SECRET: secret, BUURTBABBEL_SEND_RATE_PER_MINUTE: '120' }).buurtbabbelSendRatePerMinute).toBe(120);
    expect(parseConfig({ LINK_SIGNING_SECRET: secret, BUURTBABBEL_SEND_RATE_PER_MINUTE: '0' }).buurtbabbelSendRatePerMinute).toBe(0);
    expect(() => parseConfig({ LINK_SIGNING_SECRET: secret, BUURTBABBEL_SEND_RATE_PER_MINUTE: '-1' })).toThrow(
      /BUURTBABBEL_SEND_RATE_PER_MINUTE/,
    );
  });

  it('names the network as today unless told otherwise; the contact address is the coordinator’s by default', () => {
    expect(parseConfig({ LINK_SIGNING_SECRET: secret, COORDINATOR_EMAIL: 'hallo@destek.be' }).names).toEqual({
      network: 'Locon De Stek',
      organisation: 'Schakel vzw',
      neighbourhood: 'Sint-Pietersaalststraat',
      contactEmail: 'hallo@destek.be',
    });
    const other = parseConfig({
      LINK_SIGNING_SECRET: secret,
      NETWORK_NAME: 'Locon De Brug',
      COORDINATOR_ORGANISATION: 'Brugvzw',
      NEIGHBOURHOOD: 'Dampoort',
      CONTACT_EMAIL: 'info@debrug.be',
    });
    expect(other.names).toEqual({
      network: 'Locon De Brug',
      organisation: 'Brugvzw',
      neighbourhood: 'Dampoort',
      contactEmail: 'info@debrug.be',
    });
    expect(() => parseConfig({ LINK_SIGNING_SECRET: secret, CONTACT_EMAIL: 'geen adres' })).toThrow(/CONTACT_EMAIL/);
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ LINK_SIGNING_SECRET: secret, SMTP_URL: '' }).smtpUrl).toBeUndefined();
  });
});

describe('configuration for AWS', () => {
  it('chooses the mail transport: SES when asked, else SMTP with a server, else files', () => {
    expect(parseConfig({ LINK_SIGNING_SECRET: secret }).mailTransport).toBe('file');
    expect(parseConfig({ LINK_SIGNING_SECRET: secret, SMTP_URL: 'smtp://127.0.0.1:2525' }).mailTransport).toBe('smtp');
    expect(parseConfig({ LINK_SIGNING_SECRET: secret, MAIL_TRANSPORT: 'ses', SES_CONFIGURATION_SET: 'destek' })).toMatchObject({
      mailTransport: 'ses',
      sesConfigurationSet: 'destek',
    });
    expect(() => parseConfig({ LINK_SIGNING_SECRET: secret, MAIL_TRANSPORT: 'smtp' })).toThrow(/MAIL_TRANSPORT=smtp needs SMTP_URL/);
  });

  it('lets a named transport win over a configured SMTP server', () => {
    const env = { LINK_SIGNING_SECRET: secret, SMTP_URL: 'smtp://127.0.0.1:2525' };
    expect(parseConfig({ ...env, MAIL_TRANSPORT: 'file' }).mailTransport).toBe('file');
    expect(parseConfig({ ...env, MAIL_TRANSPORT: 'ses' }).mailTransport).toBe('ses');
  });

  it('names a Cognito user pool only with its app client', () => {
    expect(
      parseConfig({ LINK_SIGNING_SECRET: secret, COGNITO_USER_POOL_ID: 'eu-west-1_AbC123', COGNITO_CLIENT_ID: 'client' }).cognito,
    ).toEqual({ userPoolId: 'eu-west-1_AbC123', clientId: 'client' });
    expect(() => parseConfig({ LINK_SIGNING_SECRET: secret, COGNITO_USER_POOL_ID: 'eu-west-1_AbC123' })).toThrow(/go together/);
    expect(() => parseConfig({ LINK_SIGNING_SECRET: secret, COGNITO_USER_POOL_ID: 'pool', COGNITO_CLIENT_ID: 'client' })).toThrow(
      /COGNITO_USER_POOL_ID/,
    );
  });

  it('refuses an ARN alone in parseConfig, which cannot read it', () => {
    expect(() => parseConfig({ LINK_SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' })).toThrow(/read by loadConfig/);
  });

  it('runs a function that signs no links without the secret, and stops it loudly if it tries', async () => {
    const config = parseConfig({ STAGE: 'prod', PUBLIC_BASE_URL: 'https://api.example.be' }, { linkSigningSecret: false });
    expect(config).toMatchObject({ stage: 'prod', publicBaseUrl: 'https://api.example.be' });
    expect(() => config.linkSigningSecret).toThrow(/runs without the link-signing secret/);
    // Spread or logged, the configuration does not trip over it.
    expect(JSON.stringify({ ...config })).not.toContain('linkSigningSecret');
    // A secret in the environment is not taken either, so a local run fails where AWS would.
    expect(() => parseConfig({ LINK_SIGNING_SECRET: secret }, { linkSigningSecret: false }).linkSigningSecret).toThrow(ConfigError);
    const neverRead = jest.fn(async () => secret);
    const loaded = await loadConfig({ STAGE: 'prod', LINK_SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' }, neverRead, {
      linkSigningSecret: false,
    });
    expect(neverRead).not.toHaveBeenCalled();
    expect(() => loaded.linkSigningSecret).toThrow(ConfigError);
  });

  it('reads the table settings for functions that hold no secret', () => {
    const config = parseConfig({ STAGE: 'prod', TABLE_NAME: 'DeStek-Data', LINK_SIGNING_SECRET: undefined }, { linkSigningSecret: false });
    expect({ ...config }).toMatchObject({
      stage: 'prod',
      tableName: 'DeStek-Data',
      dynamodbEndpoint: undefined,
      awsRegion: 'eu-west-1',
      logLevel: 'info',
    });
    expect(() => config.linkSigningSecret).toThrow(ConfigError);
  });

  it('refuses to start in AWS without STAGE instead of assuming local', () => {
    const lambda = { AWS_LAMBDA_FUNCTION_NAME: 'DeStek-Api', LINK_SIGNING_SECRET: secret };
    expect(() => parseConfig(lambda)).toThrow(/STAGE: required in AWS/);
    expect(parseConfig({ ...lambda, STAGE: 'prod' }).stage).toBe('prod');
    // Off Lambda (npm start, tests) the default stays local.
    expect(parseConfig({ LINK_SIGNING_SECRET: secret }).stage).toBe('local');
  });

  it('gives each caller 120 operations a minute unless told otherwise', () => {
    expect(parseConfig({ STAGE: 'prod', LINK_SIGNING_SECRET: secret }).rateLimitPerMinute).toBe(120);
    expect(parseConfig({ STAGE: 'prod', LINK_SIGNING_SECRET: secret, RATE_LIMIT_PER_MINUTE: '30' }).rateLimitPerMinute).toBe(30);
  });
});
