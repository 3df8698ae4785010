/**
 * A development-only fault switch for chaos tests: a service can be told to fail (throw) or hang
 * on every call it receives, over HTTP (`fetch`) and RPC alike, and to stop. The switch lives in
 * the service's isolate (locally there is one per worker) and obeys only when the worker's
 * `ENVIRONMENT` is development or test: in staging and production setting it is refused and a
 * set mode is ignored.
 */
export type FaultMode = 'off' | 'fail' | 'hang';

export const FAULT_MODES = ['off', 'fail', 'hang'] as const satisfies readonly FaultMode[];

/** The service-side path the gateway's admin-only dev route sends the switch to (not under /v1: no public route forwards there). */
export const FAULT_SWITCH_PATH = '/_dev/faults';

/** How long a hanging call hangs before failing: longer than every caller's deadline. */
const HANG_MS = 120_000;

type FaultEnv = { ENVIRONMENT?: string };

let mode: FaultMode = 'off';

/** True where faults may be injected: local development and tests only. */
export function faultsAllowed(env: FaultEnv): boolean {
  return env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';
}

/** Sets this isolate's fault mode; refused (false) outside development and test. */
export function setFault(env: FaultEnv, next: FaultMode): boolean {
  if (!faultsAllowed(env)) return false;
  mode = next;
  return true;
}

/** The mode in force here (always `off` outside development and test). */
export function currentFault(env: FaultEnv): FaultMode {
  return faultsAllowed(env) ? mode : 'off';
}

/** Fails or hangs the current call if a fault is switched on. */
export async function injectFault(env: FaultEnv, service: string): Promise<void> {
  const now = currentFault(env);
  if (now === 'off') return;
  if (now === 'hang') await new Promise((resolve) => setTimeout(resolve, HANG_MS));
  throw new Error(`fault injected: ${service} is ${now === 'hang' ? 'hanging on' : 'failing'} every call`);
}

type EntrypointClass = { prototype: object; name: string };
const NOT_CALLS = new Set(['constructor', 'queue', 'scheduled']);

/**
 * Puts the fault switch in front of every call a WorkerEntrypoint answers: `fetch` and each RPC
 * method (queue and cron handlers are the service's own work and keep running). `fetch` also
 * answers `PUT /_dev/faults {mode}`, before the fault applies, so a failing service can be
 * brought back. Done on the prototype once at load, so a new RPC method is covered without
 * anyone remembering to.
 */
export function installFaultSwitch(entrypoint: EntrypointClass, service: string): void {
  const proto = entrypoint.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const original: unknown = Reflect.get(proto, name);
    if (NOT_CALLS.has(name) || typeof original !== 'function') continue;
    // Synchronous when no fault is set: the call is exactly the original, with no extra promise.
    Reflect.set(proto, name, function (this: { env: FaultEnv }, ...args: unknown[]) {
      const request = args[0];
      if (name === 'fetch' && request instanceof Request && request.url.includes(FAULT_SWITCH_PATH)) {
        return faultSwitchRoute(this.env, request).then((switched) => switched ?? Reflect.apply(original, this, args));
      }
      if (currentFault(this.env) === 'off') return Reflect.apply(original, this, args);
      return injectFault(this.env, service).then(() => Reflect.apply(original, this, args));
    });
  }
}

async function faultSwitchRoute(env: FaultEnv, request: Request): Promise<Response | null> {
  if (new URL(request.url).pathname !== FAULT_SWITCH_PATH) return null;
  if (!faultsAllowed(env)) return new Response(null, { status: 404 });
  const body: unknown = await request.json().catch(() => null);
  const next = typeof body === 'object' && body !== null && 'mode' in body ? body.mode : undefined;
  const known = FAULT_MODES.find((m) => m === next);
  if (request.method !== 'PUT' || !known) return new Response(null, { status: 400 });
  setFault(env, known);
  return Response.json({ mode: known });
}
