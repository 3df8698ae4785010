import { createServiceApp, describe } from '@linked-all/http';
import { MediaHealth } from '../contract';
import type { MediaApp } from './env';
import { mediaHealth } from './health';

/**
 * The media worker's HTTP face, for operators and probes only: the gateway does not route to it and
 * the catalog calls `variants` over RPC. Anything else answers problem+json (404, 405) like every worker.
 */
export function createApp() {
  const app = createServiceApp<MediaApp>('media');
  app.get(
    '/v1/health',
    describe({ summary: 'Liveness and the wasm memory of this isolate', tags: ['media'], response: MediaHealth }),
    async (c) => c.json(await mediaHealth()),
  );
  return app;
}
