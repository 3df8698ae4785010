import type { TokenConfig } from './signing-keys';

/** What every identity write needs besides its input: explicit, so tests can pass their own. */
export type IdentityContext = {
  db: D1Database;
  tokens: TokenConfig;
  now: number;
  traceparent?: string;
};
