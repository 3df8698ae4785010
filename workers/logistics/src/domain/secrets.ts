/**
 * A secret the environment must set ('wrangler secret put' in staging/production). Missing, it
 * fails closed: an empty HMAC key would make every code and signature guessable.
 */
export function secret(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
