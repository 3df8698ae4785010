import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from './errors';

function limit(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('payload_too_large', `This body is limited to ${maxSize} bytes`);
    },
  });
}

/**
 * Small JSON bodies everywhere, a larger limit only for uploads. Counted on
 * the stream too, so a body without Content-Length cannot slip past.
 */
export function bodyLimits(options: {
  jsonBytes: number;
  uploadBytes: number;
  isUpload: (method: string, path: string) => boolean;
}): MiddlewareHandler {
  const json = limit(options.jsonBytes);
  const upload = limit(options.uploadBytes);
  return (c, next) => (options.isUpload(c.req.method, c.req.path) ? upload : json)(c, next);
}

/** Image uploads: `PUT …/images`. */
export const isImageUpload = (method: string, path: string) => method === 'PUT' && path.endsWith('/images');
