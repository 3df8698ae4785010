import { WorkerEntrypoint } from 'cloudflare:workers';
import { createApp } from './app';

const app = createApp();

export default class CatalogService extends WorkerEntrypoint<CatalogEnv> {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }
}
