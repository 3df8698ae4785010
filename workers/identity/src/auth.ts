import { type AuthVariables, authenticate } from '@linked-all/auth';
import { keyRing } from './domain/signing-keys';

/**
 * `authenticate()` of @linked-all/auth, verifying against identity's own key
 * ring instead of an `AUTH_JWKS` var: the keys that sign here are the keys
 * that verify here, so the two can never drift apart.
 */
export function authenticateOwnTokens() {
  return authenticate<{ Bindings: IdentityEnv; Variables: AuthVariables }>(async (env) => ({
    ...env,
    AUTH_JWKS: (await keyRing(env)).jwksText,
  }));
}
