import { TracedEntrypoint } from '@linked-all/events/traced-entrypoint';
import { AppError, installFaultSwitch, issueSummary, openApiPaths } from '@linked-all/http';
import { MEDIA_REFUSALS, type MediaRpc, type VariantsAnswer, VariantsInput, type VariantsRefusal } from '../contract';
import { createApp } from './app';
import { mediaHealth } from './health';
import { processImage } from './image-pipeline';

const app = createApp();

const isRefusal = (code: string): code is VariantsRefusal['reason'] => (MEDIA_REFUSALS as readonly string[]).includes(code);

/** The pipeline's AppError as the answer the caller turns back into the same problem+json; null for any other code. */
function refusalOf(err: AppError): VariantsRefusal | null {
  if (!isRefusal(err.code)) return null;
  return { ok: false, reason: err.code, detail: err.message, ...(err.extra.errors ? { errors: err.extra.errors } : {}) };
}

/**
 * The media worker: the pixel work of uploaded photos (photon, ~1.5 MB of wasm), kept out of the
 * catalog so the catalog's isolates neither load it nor hold its wasm memory. Stateless: no
 * storage, no events; the caller stores what `variants` answers.
 */
export default class MediaService extends TracedEntrypoint<MediaEnv>('media') implements MediaRpc {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }

  /**
   * Every stored width of one upload. Refusals are answers (an AppError does not cross RPC), with the
   * field errors the caller's problem+json shows; anything else thrown is a bug and stays a throw.
   */
  async variants(input: VariantsInput): Promise<VariantsAnswer> {
    const parsed = VariantsInput.safeParse(input);
    if (!parsed.success) return { ok: false, reason: 'validation_failed', detail: issueSummary(parsed.error.issues) };
    try {
      return { ok: true, image: await processImage(parsed.data.bytes, parsed.data.contentType) };
    } catch (err) {
      const refusal = err instanceof AppError ? refusalOf(err) : null;
      if (!refusal) throw err;
      return refusal;
    }
  }

  health() {
    return mediaHealth();
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(MediaService, 'media');
