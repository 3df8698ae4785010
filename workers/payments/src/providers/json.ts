import { AppError } from '@linked-all/http';
import type { z } from 'zod';

/** Parses a verified callback body against the provider's schema; anything else is a 400, never a 500. */
export function parseProviderJson<S extends z.ZodType>(raw: string, schema: S, provider: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('malformed_json', 'The webhook body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('validation_failed', `The webhook body is not a ${provider} callback`);
  return parsed.data;
}

/** Reads a provider's JSON answer; a body that is not JSON reads as null (the caller decides what that means). */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    // Gateways in front of providers answer HTML on outages: treat as no answer.
    return null;
  }
}
