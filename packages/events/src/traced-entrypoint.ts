import { RpcTarget, WorkerEntrypoint } from 'cloudflare:workers';
import { inChildSpan, log } from '@linked-all/http';
import { keepLogLines, type MetricsEnv } from '@linked-all/metrics';

// Trace context over Service Binding RPC. An HTTP hop carries `traceparent` in a header and a queue
// message in the event envelope; an RPC call has neither, and adding a parameter to every method of
// every service would change every signature. Instead each entrypoint answers `traced(traceparent)`
// with an RpcTarget offering the same methods, each run as a child span of that traceparent.
// Callers write `traced(env.ORDERS).markShipped(id)` (packages/http `traced`): promise pipelining
// sends `traced` and the call together, one round trip.

/** What a traced target offers: the entrypoint's RPC methods, not its event handlers. */
export type TracedMethods<T> = RpcTarget & Omit<T, 'fetch' | 'queue' | 'scheduled' | 'traced'>;

/** Handlers and plumbing that are not RPC methods. */
const NOT_METHODS = new Set(['constructor', 'fetch', 'queue', 'scheduled', 'tail', 'email', 'connect', 'traced']);

type Call = { entry: object; traceparent: string; defer: (work: Promise<unknown>) => void };

/** Each target's call context, kept off the instance: an RpcTarget's own fields must not be reachable over RPC. */
const calls = new WeakMap<object, Call>();
const targetClasses = new WeakMap<object, new () => RpcTarget>();

/** The RPC method names of an entrypoint instance: every function on its prototype chain below WorkerEntrypoint. */
function methodNames(entry: object): string[] {
  const names = new Set<string>();
  for (
    let proto = Object.getPrototypeOf(entry);
    proto && proto !== WorkerEntrypoint.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (!NOT_METHODS.has(name) && typeof Reflect.get(proto, name) === 'function') names.add(name);
    }
  }
  return [...names];
}

/** One RpcTarget class per entrypoint class, with a prototype method per RPC method (RPC exposes prototype methods). */
function targetClassOf(entry: object, service: string): new () => RpcTarget {
  const proto = Object.getPrototypeOf(entry);
  const known = targetClasses.get(proto);
  if (known) return known;
  class Target extends RpcTarget {}
  for (const method of methodNames(entry)) {
    Object.defineProperty(Target.prototype, method, {
      configurable: true,
      writable: true,
      value(this: object, ...args: unknown[]) {
        const call = calls.get(this);
        if (!call) throw new Error(`${service}.${method}: not a traced call`);
        return runTraced(call, service, method, args);
      },
    });
  }
  targetClasses.set(proto, Target);
  return Target;
}

/** Runs one RPC method as a child span of the caller's, with one `rpc` line saying how it went. */
function runTraced(call: Call, service: string, method: string, args: unknown[]): Promise<unknown> {
  return inChildSpan(
    call.traceparent,
    async () => {
      const started = Date.now();
      try {
        const answer: unknown = await Reflect.apply(Reflect.get(call.entry, method), call.entry, args);
        log('info', 'rpc', { service, method, ms: Date.now() - started });
        return answer;
      } catch (err) {
        log('warn', 'rpc failed', {
          service,
          method,
          ms: Date.now() - started,
          error: err instanceof Error ? err.message : String(err),
        });
        throw err;
      }
    },
    call.defer,
  );
}

/**
 * A service's entrypoint whose RPC methods can run in the caller's trace: a worker's default export
 * extends `TracedEntrypoint<Env>('identity')` (or `AdminEntrypoint`, which extends this) instead of
 * `WorkerEntrypoint`. Locally it also keeps the worker's log lines for the console (packages/metrics).
 */
export function TracedEntrypoint<Env extends MetricsEnv>(service: string) {
  abstract class ServiceEntrypoint extends WorkerEntrypoint<Env> {
    constructor(ctx: ExecutionContext, env: Env) {
      super(ctx, env);
      keepLogLines(env, service);
    }

    /** The same RPC methods, each run as a child span of `traceparent` (callers use `traced(env.X)`). */
    traced(traceparent: string): TracedMethods<this> {
      const Target = targetClassOf(this, service);
      const target = new Target();
      calls.set(target, { entry: this, traceparent: String(traceparent), defer: (work) => this.ctx.waitUntil(work) });
      // The class was built from this entrypoint's own methods just above; the compiler cannot see that.
      return target as TracedMethods<this>;
    }
  }
  return ServiceEntrypoint;
}
