import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { cognitoIdTokenVerifier, createCognitoVerifier } from '../../../functions/shared/auth/cognito-verifier';
import { createAuthenticator } from '../../../functions/shared/auth/authenticate';
import { signDevToken } from '../../../functions/shared/auth/dev-tokens';
import { parseConfig } from '../../../functions/shared/config';
import { UnauthenticatedError } from '../../../functions/shared/errors';

/**
 * Cognito ID tokens, verified offline: the test makes its own RSA key, hands its JWKS to the
 * verifier's cache (as if fetched from the pool), and signs tokens the way Cognito does.
 */
const userPoolId = 'eu-west-1_TestPool1';
const clientId = 'mobile-app-client-id';
const issuer = `https://cognito-idp.eu-west-1.amazonaws.com/${userPoolId}`;
const kid = 'test-key-1';

let privateKey: KeyLike;
let strangerKey: KeyLike;
let verify: ReturnType<typeof createCognitoVerifier>;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwtVerifier = cognitoIdTokenVerifier({ userPoolId, clientId });
  jwtVerifier.cacheJwks({ keys: [{ ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' } as never] });
  verify = createCognitoVerifier({ userPoolId, clientId }, jwtVerifier);
});

async function idToken(
  claims: Record<string, unknown>,
  options: { key?: KeyLike; expiresIn?: number; audience?: string; tokenUse?: string; issuer?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ token_use: options.tokenUse ?? 'id', email: 'an@example.be', 'cognito:username': 'abc', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setSubject('0d5c2b1e-user')
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? clientId)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 3600))
    .sign(options.key ?? privateKey);
}

describe('Cognito token verifier', () => {
  it('maps the COORDINATOR group to a coordinator, keeping a partner id when the user has one', async () => {
    expect(await verify(await idToken({ 'cognito:groups': ['COORDINATOR'], email: 'An@Schakel.be' }))).toEqual({
      id: '0d5c2b1e-user',
      email: 'an@schakel.be',
      role: 'COORDINATOR',
      partnerId: undefined,
    });
    expect((await verify(await idToken({ 'cognito:groups': ['PARTNER', 'COORDINATOR'], 'custom:partnerId': 'p-1' }))).role).toBe(
      'COORDINATOR',
    );
  });

  it('maps the PARTNER group and custom:partnerId to a partner viewer', async () => {
    expect(await verify(await idToken({ 'cognito:groups': ['PARTNER'], 'custom:partnerId': 'p-42' }))).toMatchObject({
      role: 'PARTNER',
      partnerId: 'p-42',
    });
  });

  it('refuses a partner without partnerId and a user in no group', async () => {
    await expect(verify(await idToken({ 'cognito:groups': ['PARTNER'] }))).rejects.toThrow(/partnerId/);
    await expect(verify(await idToken({}))).rejects.toThrow(/neither/);
  });

  it('refuses expired tokens, tokens of another app client or pool, access tokens and tokens signed with another key', async () => {
    const groups = { 'cognito:groups': ['COORDINATOR'] };
    await expect(verify(await idToken(groups, { expiresIn: -10 }))).rejects.toThrow(/expired/i);
    await expect(verify(await idToken(groups, { audience: 'another-client' }))).rejects.toThrow(/audience/i);
    await expect(verify(await idToken(groups, { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' }))).rejects.toThrow(
      /issuer/i,
    );
    await expect(verify(await idToken(groups, { tokenUse: 'access' }))).rejects.toThrow(/token use/i);
    await expect(verify(await idToken(groups, { key: strangerKey }))).rejects.toThrow(/signature/i);
  });
});

describe('authenticator outside the local stage', () => {
  const config = parseConfig({
    STAGE: 'prod',
    LINK_SIGNING_SECRET: 'x'.repeat(32),
    COGNITO_USER_POOL_ID: userPoolId,
    COGNITO_CLIENT_ID: clientId,
  });

  it('uses the Cognito verifier the configuration names', async () => {
    const authenticate = createAuthenticator(config, verify);
    expect(await authenticate(`Bearer ${await idToken({ 'cognito:groups': ['PARTNER'], 'custom:partnerId': 'p-7' })}`)).toMatchObject({
      role: 'PARTNER',
      partnerId: 'p-7',
    });
  });

  it('never accepts a development token, even one signed with a key it might know', async () => {
    const authenticate = createAuthenticator(config);
    const devToken = await signDevToken('d'.repeat(40), { email: 'an@example.be', role: 'COORDINATOR' });
    await expect(authenticate(`Bearer ${devToken}`)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses every token when no user pool is configured', async () => {
    const authenticate = createAuthenticator(parseConfig({ STAGE: 'dev', LINK_SIGNING_SECRET: 'x'.repeat(32) }));
    await expect(authenticate(`Bearer ${await idToken({ 'cognito:groups': ['COORDINATOR'] })}`)).rejects.toThrow(/nog niet ingesteld/);
    expect(await authenticate(undefined)).toBeUndefined();
  });
});
