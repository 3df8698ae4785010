// The public face of the media worker: everything another worker may import. Nothing outside
// workers/media imports its src/ (and so nothing else bundles photon, its ~1.5 MB of wasm).
import { z } from 'zod';

/** Bytes of any buffer (`z.instanceof` would narrow them to an ArrayBuffer-backed view only). */
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected a Uint8Array');

/** The widths every uploaded photo is stored in (never wider than the original). */
export const IMAGE_WIDTHS = [160, 320, 640, 1024] as const;
/** The largest upload, in bytes: the catalog refuses a bigger body before it calls this worker. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/**
 * One upload to turn into stored widths: its bytes and the content type its sender declared
 * (parameters and case allowed, e.g. `Image/WebP; charset=binary`). The size is checked by the
 * pipeline itself, so an empty or oversized body is a `payload_too_large` refusal, not a field error.
 */
export const VariantsInput = z.strictObject({
  bytes: Bytes,
  contentType: z.string().max(200),
});
export type VariantsInput = z.infer<typeof VariantsInput>;

/** One encoded width of a photo. */
export const ImageVariant = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: Bytes,
  contentType: z.string(),
  ext: z.string(),
});
export type ImageVariant = z.infer<typeof ImageVariant>;

/** A processed photo: its upright size and one variant per stored width, narrowest first. */
export const ProcessedImage = z.object({
  format: z.enum(['webp', 'jpeg']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  variants: z.array(ImageVariant).min(1),
});
export type ProcessedImage = z.infer<typeof ProcessedImage>;

/**
 * Why a photo is refused, as error codes of @linked-all/http: too large (bytes, or pixels read from
 * the header), not the image type it claims, or damaged (`validation_failed`, with `errors` naming
 * the body). A wrong RPC input is `validation_failed` too.
 */
export const MEDIA_REFUSALS = ['payload_too_large', 'unsupported_media_type', 'validation_failed'] as const;

/** A refusal crosses RPC as data (an AppError does not), with what the caller's problem+json needs. */
export const VariantsRefusal = z.object({
  ok: z.literal(false),
  reason: z.enum(MEDIA_REFUSALS),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type VariantsRefusal = z.infer<typeof VariantsRefusal>;

export const VariantsAnswer = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), image: ProcessedImage }),
  VariantsRefusal,
]);
export type VariantsAnswer = z.infer<typeof VariantsAnswer>;

/** Liveness, and the photon wasm memory this isolate holds (it never shrinks: a high figure is an isolate near 128 MB). */
export const MediaHealth = z.object({ service: z.literal('media'), ok: z.literal(true), wasmMemoryBytes: z.number().int() });
export type MediaHealth = z.infer<typeof MediaHealth>;

/** The RPC surface of the media worker (its `WorkerEntrypoint`), for callers' types and tests. */
export interface MediaRpc {
  /** Checks an upload and encodes every stored width of it; a bad photo is a refusal, not a throw. */
  variants(input: VariantsInput): Promise<VariantsAnswer>;
  health(): Promise<MediaHealth>;
  openapi(): Record<string, unknown>;
}
