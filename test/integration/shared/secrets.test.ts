import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError, loadConfig } from '../../../functions/shared/config';
import { secretsManagerReader } from '../../../functions/shared/secrets';
import { standInCredentials, startAwsStandIn, type AwsStandIn } from '../../support/aws-stand-in';

/** The link-signing secret read from Secrets Manager at cold start (a stand-in endpoint here). */
const secretArn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:LinkSigningSecret-AbCdEf';
const secretValue = 's'.repeat(64);

describe('secrets at cold start', () => {
  let secretsManager: AwsStandIn;
  let client: SecretsManagerClient;

  beforeAll(async () => {
    secretsManager = await startAwsStandIn((request) => {
      const { SecretId } = JSON.parse(request.body);
      if (SecretId === secretArn) return { status: 200, body: { ARN: secretArn, Name: 'LinkSigningSecret', SecretString: secretValue } };
      return {
        status: 400,
        headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
        body: { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." },
      };
    });
    client = new SecretsManagerClient({ region: 'eu-west-1', endpoint: secretsManager.endpoint, credentials: standInCredentials });
  });

  afterAll(async () => {
    client.destroy();
    await secretsManager.close();
  });

  beforeEach(() => secretsManager.requests.splice(0));

  it('reads the secret the environment names, with one GetSecretValue', async () => {
    const config = await loadConfig({ STAGE: 'prod', LINK_SIGNING_SECRET_ARN: secretArn }, secretsManagerReader('eu-west-1', client));
    expect(config.linkSigningSecret).toBe(secretValue);
    expect(secretsManager.requests).toHaveLength(1);
    expect(secretsManager.requests[0].headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
  });

  it('prefers a value in the environment and then asks no secret store', async () => {
    const config = await loadConfig(
      { LINK_SIGNING_SECRET: 'v'.repeat(32), LINK_SIGNING_SECRET_ARN: secretArn },
      secretsManagerReader('eu-west-1', client),
    );
    expect(config.linkSigningSecret).toBe('v'.repeat(32));
    expect(secretsManager.requests).toHaveLength(0);
  });

  it('stops with the variable named when the secret cannot be read', async () => {
    const failure = loadConfig({ STAGE: 'prod', LINK_SIGNING_SECRET_ARN: `${secretArn}-gone` }, secretsManagerReader('eu-west-1', client));
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/LINK_SIGNING_SECRET_ARN.*ResourceNotFoundException/);
  });

  it('still checks the secret it read', async () => {
    await expect(loadConfig({ LINK_SIGNING_SECRET_ARN: secretArn }, async () => 'too short')).rejects.toThrow(/at least 32/);
  });

  it('needs the secret or its ARN', async () => {
    await expect(loadConfig({ STAGE: 'prod' }, async () => secretValue)).rejects.toThrow(
      /LINK_SIGNING_SECRET \(or LINK_SIGNING_SECRET_ARN/,
    );
  });
});
