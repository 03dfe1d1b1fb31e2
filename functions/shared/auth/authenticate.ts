import type { Config } from '../config';
import { UnauthenticatedError } from '../errors';
import { createCognitoVerifier } from './cognito-verifier';
import { verifyDevToken } from './dev-tokens';
import type { TokenVerifier } from './token-verifier';
import type { Viewer } from './viewer';

/**
 * Turns an Authorization header into a Viewer. No header: an anonymous request (only public
 * operations work). A header with a bad, expired or unverifiable token: refused outright.
 * Locally, tokens are signed with the development key; in AWS the configuration names the Cognito
 * user pool whose ID tokens are accepted, and dev tokens never pass outside STAGE=local.
 */
export function createAuthenticator(config: Config, verifier?: TokenVerifier, now: () => Date = () => new Date()) {
  const verify: TokenVerifier | undefined =
    verifier ??
    (config.cognito
      ? createCognitoVerifier(config.cognito)
      : config.stage === 'local' && config.devJwtSecret
        ? (token) => verifyDevToken(config.devJwtSecret!, token, now())
        : undefined);
  return async (authorization: string | undefined): Promise<Viewer | undefined> => {
    if (!authorization) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('Gebruik een Authorization-header van de vorm "Bearer <token>".');
    if (!verify) throw new UnauthenticatedError('Aanmelden is hier nog niet ingesteld.');
    try {
      return await verify(match[1]);
    } catch {
      throw new UnauthenticatedError('Je token is ongeldig of verlopen. Meld je opnieuw aan.');
    }
  };
}
