import type { z } from 'zod';
import { AppError } from './errors';

/** Opaque keyset cursor: base64url JSON, validated on the way back in. */
export function encodeCursor(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** Decodes a cursor made by `encodeCursor`; a tampered one is a 400, not a 500. */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.infer<S> {
  try {
    const binary = atob(cursor.replaceAll('-', '+').replaceAll('_', '/'));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return schema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    throw new AppError('validation_failed', 'The cursor is not valid; start again without it', {
      errors: [{ path: 'cursor', message: 'Invalid cursor' }],
    });
  }
}
