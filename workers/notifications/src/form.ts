import { AppError, zodIssuesToFieldErrors } from '@linked-all/http';
import { validator } from 'hono/validator';
import type { z } from 'zod';

/**
 * `validate('form', …)` for the providers' form-encoded callbacks (@linked-all/http's validate()
 * knows json, query, param and header): the same 400 problem naming every wrong field.
 */
export function validateForm<S extends z.ZodType>(schema: S) {
  return validator('form', (value) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      const errors = zodIssuesToFieldErrors(result.error.issues);
      throw new AppError('validation_failed', `Invalid form: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, {
        errors,
      });
    }
    return result.data;
  });
}

/** Constant-time comparison of a callback token (its length is not secret). */
export function sameToken(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < Math.max(given.length, expected.length); i++)
    diff |= (given.charCodeAt(i) | 0) ^ (expected.charCodeAt(i) | 0);
  return diff === 0;
}
