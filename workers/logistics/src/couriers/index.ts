import type { Carrier } from '../../contract/enums';
import type { CourierAdapter, CourierHttp } from './courier';
import { sandboxCourierHttp } from './sandbox';
import { sendy } from './sendy';

/** Every carrier's adapter: a new carrier must appear here (the Record makes the compiler say so). */
const ADAPTERS: Record<Carrier, (env: LogisticsEnv, http: CourierHttp) => CourierAdapter> = { sendy };

/** The adapter for a carrier: the real API in staging/production, the sandbox in development and tests. */
export function courierFor(env: LogisticsEnv, carrier: Carrier): CourierAdapter {
  const real = env.ENVIRONMENT === 'staging' || env.ENVIRONMENT === 'production';
  return ADAPTERS[carrier](env, real ? (url, init) => fetch(url, init) : sandboxCourierHttp(env));
}
