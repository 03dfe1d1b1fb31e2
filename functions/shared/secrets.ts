import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Reads one secret's text by ARN or name. */
export type SecretReader = (secretId: string) => Promise<string>;

/**
 * Secrets Manager, through a client created on first use (so code paths that never read a secret
 * never build one). Tests pass a client pointed at a stand-in endpoint.
 */
export function secretsManagerReader(region: string, client?: Pick<SecretsManagerClient, 'send'>): SecretReader {
  return async (secretId) => {
    client ??= new SecretsManagerClient({ region });
    const response = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (typeof response.SecretString !== 'string' || response.SecretString === '') {
      throw new Error(`secret ${secretId} has no text value`);
    }
    return response.SecretString;
  };
}
