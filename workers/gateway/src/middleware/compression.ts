import type { MiddlewareHandler } from 'hono';

const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|javascript|manifest\+json|xml)|image\/svg\+xml)/;

/**
 * Asks the Workers runtime to gzip text responses for clients that accept it.
 * In Workers, setting `Content-Encoding` makes the runtime encode the body on
 * the way out; compressing in JavaScript as well (hono/compress) would encode
 * it twice. On Cloudflare's edge the zone may re-encode to brotli.
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (
      c.req.method === 'HEAD' ||
      c.res.status === 204 ||
      c.res.status === 304 ||
      c.res.headers.has('content-encoding') ||
      !COMPRESSIBLE.test(type) ||
      !/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
    ) {
      return;
    }
    const response = new Response(c.res.body, c.res);
    response.headers.set('content-encoding', 'gzip');
    response.headers.delete('content-length');
    response.headers.append('vary', 'Accept-Encoding');
    c.res = undefined;
    c.res = response;
  };
}
