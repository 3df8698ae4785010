import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { AppError, type FieldError } from './errors';

type Target = keyof Pick<ValidationTargets, 'json' | 'query' | 'param' | 'header'>;

/** Attached to a validator so the OpenAPI document can be generated from the same schema. */
export const VALIDATION_DOC = Symbol.for('linked-all.validation');

export type ValidationDoc = { target: Target; schema: z.ZodType };

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
}

/** Every wrong field in one line, "path: message; …": a problem's detail, or an RPC refusal's. */
export function issueSummary(issues: readonly z.core.$ZodIssue[]): string {
  return zodIssuesToFieldErrors(issues)
    .map((e) => `${e.path}: ${e.message}`)
    .join('; ');
}

/**
 * The only way a handler reads input: a zod schema per target. Failures become
 * a 400 problem that names every wrong field; JSON bodies must say they are JSON.
 */
export function validate<T extends Target, S extends z.ZodType>(target: T, schema: S) {
  const inner = zValidator(target, schema, (result) => {
    if (!result.success) {
      const errors = zodIssuesToFieldErrors(result.error.issues);
      throw new AppError('validation_failed', `Invalid ${target}: ${issueSummary(result.error.issues)}`, { errors });
    }
  });
  const middleware: typeof inner = async (c, next) => {
    if (target === 'json') {
      const type = c.req.header('content-type') ?? '';
      if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type)) {
        throw new AppError('unsupported_media_type', 'Send the body as application/json');
      }
      try {
        await c.req.json();
      } catch {
        throw new AppError('malformed_json', 'The body could not be parsed as JSON');
      }
    }
    return inner(c, next);
  };
  Object.assign(middleware, { [VALIDATION_DOC]: { target, schema } satisfies ValidationDoc });
  return middleware;
}
