import type { WorkflowEvent, WorkflowStep } from 'cloudflare:workers';
import { currentTraceparent, inChildSpan, log } from '@linked-all/http';
import { keepLogLines, type MetricsEnv } from '@linked-all/metrics';

// Trace context through a Workflow: the instance's params carry the `traceparent` of the request
// that started it; each run of the instance is a child span of it, and each step a child span of
// the run (a step's callback may be called back by the Workflows engine outside the run's async
// context, so the step carries its own). Each step writes one `workflow step` line.

type Params = { traceparent?: string };
type WorkflowClass = { prototype: object; name: string };
type Instance = { env: MetricsEnv; ctx: ExecutionContext };

/** Step callbacks run as child spans of `runSpan`, each with one line naming the step and how long it took. */
function tracedSteps(
  step: WorkflowStep,
  workflow: string,
  fields: Record<string, unknown>,
  runSpan: string | undefined,
  defer: (work: Promise<unknown>) => void,
): WorkflowStep {
  const tracedDo = (...args: unknown[]) => {
    const name = String(args[0]);
    const wrapped = args.map((arg) => {
      if (typeof arg !== 'function') return arg;
      return (...inner: unknown[]) =>
        inChildSpan(
          runSpan,
          async () => {
            const started = Date.now();
            try {
              const answer: unknown = await Reflect.apply(arg, undefined, inner);
              log('info', 'workflow step', { ...fields, workflow, step: name, ms: Date.now() - started });
              return answer;
            } catch (err) {
              const error = err instanceof Error ? err.message : String(err);
              log('warn', 'workflow step failed', { ...fields, workflow, step: name, ms: Date.now() - started, error });
              throw err;
            }
          },
          defer,
        );
    });
    return Reflect.apply(step.do, step, wrapped);
  };
  return new Proxy(step, {
    get(target, property) {
      if (property === 'do') return tracedDo;
      const value: unknown = Reflect.get(target, property);
      // The engine hands `step` over RPC: its methods are remote, so `value.bind` would be a call of a
      // remote method named "bind". Call the method on its step instead.
      return typeof value === 'function' ? (...args: unknown[]) => Reflect.apply(value, target, args) : value;
    },
  });
}

/**
 * Runs every run of `workflowClass` in the trace its params carry (`params.traceparent`), its steps
 * as child spans that log under it. `fields` picks what each step line names (an order id), so the
 * console can find the trace. Call once after the class, like `installFaultSwitch`.
 */
export function traceWorkflowRuns<P extends Params>(
  workflowClass: WorkflowClass,
  {
    service,
    workflow,
    fields = () => ({}),
  }: { service: string; workflow: string; fields?: (params: P) => Record<string, unknown> },
): void {
  const proto = workflowClass.prototype;
  const run: unknown = Reflect.get(proto, 'run');
  if (typeof run !== 'function') throw new Error(`${workflowClass.name} has no run method`);
  Reflect.set(proto, 'run', function (this: Instance, event: WorkflowEvent<P>, step: WorkflowStep) {
    keepLogLines(this.env, service);
    const named = { service, ...fields(event.payload) };
    const defer = (work: Promise<unknown>) => this.ctx.waitUntil(work);
    return inChildSpan(
      event.payload.traceparent,
      () => {
        const runSpan = currentTraceparent();
        // A run starts again after each sleep or wait: one line per (re)start, the parent of its steps.
        log('info', 'workflow run', { ...named, workflow });
        return Reflect.apply(run, this, [event, tracedSteps(step, workflow, named, runSpan, defer)]);
      },
      defer,
    );
  });
}
