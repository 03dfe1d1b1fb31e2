/**
 * The AWS credentials of a bundled Lambda function: the execution role's, which Lambda puts in the
 * environment. The bundles use this in place of the SDK's default provider chain
 * (`@aws-sdk/credential-provider-node`, aliased in infra/bundling.ts), whose profile, SSO, STS and
 * instance-metadata providers never apply in Lambda and weigh about a tenth of the API bundle.
 * Not used outside the bundles (tests and the local stack run the SDK's own chain).
 */
export function defaultProvider(): () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }> {
  return async () => {
    // The SDK's own environment provider reads the same variables; config.ts is for our settings.
    const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
    if (!accessKeyId || !secretAccessKey)
      throw new Error('No AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  };
}
