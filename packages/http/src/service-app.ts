import { requestMetrics, type ServiceName } from '@linked-all/metrics';
import { type Env, Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { methodNotAllowedProblem, notFound, onError } from './problem';
import { type RequestContextVariables, requestContext } from './request-context';

export type ServiceEnv<Bindings, Variables = object> = {
  Bindings: Bindings;
  Variables: RequestContextVariables & Variables;
};

/**
 * Every worker's app starts here, so they all trace, log and fail the same
 * way: request id + traceparent, problem+json for errors, 404 and 405, and one `request` data
 * point per answer (packages/metrics: Analytics Engine in production, the local sink in development).
 */
export function createServiceApp<E extends Env>(service: ServiceName): Hono<E> {
  const app = new Hono<E>();
  app.use(requestContext(service) as never);
  app.use(requestMetrics(service) as never);
  app.use(methodNotAllowed({ app: app as never, onMethodNotAllowed: methodNotAllowedProblem }) as never);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
