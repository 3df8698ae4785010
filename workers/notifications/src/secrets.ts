/**
 * A secret the environment must set ('wrangler secret put' in staging/production). Missing, it
 * fails closed: an empty callback token would let anyone post USSD sessions as any phone.
 */
export function secret(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
