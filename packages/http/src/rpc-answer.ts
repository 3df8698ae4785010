import type { z } from 'zod';
import { AppError } from './errors';
import { issueSummary } from './validate';

/** A service's refusal over RPC: an AppError does not cross a Service Binding, so it travels as an answer. */
export type RpcRefusal = { ok: false; reason: string; detail: string };

/**
 * An RPC method's body: `input` validated by `schema` (a wrong field is a `validation_failed`
 * refusal naming it), then `run`; an AppError it throws becomes a refusal with its code and message.
 * Anything else is a bug and is thrown.
 */
export async function rpcAnswer<S extends z.ZodType, T extends { ok: true }>(
  schema: S,
  input: unknown,
  run: (valid: z.infer<S>) => Promise<T>,
): Promise<T | RpcRefusal> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'validation_failed', detail: issueSummary(parsed.error.issues) };
  try {
    return await run(parsed.data);
  } catch (err) {
    if (err instanceof AppError) return { ok: false, reason: err.code, detail: err.message };
    throw err;
  }
}
