// The media worker as its callers see it: `variants` over RPC (answers and refusals as data) and
// its HTTP face (health, problem+json for everything else).
import { exports } from 'cloudflare:workers';
import { PhotonImage } from '@cf-wasm/photon';
import { problem } from '@linked-all/testing';
import { describe, expect, it } from 'vitest';
import { IMAGE_WIDTHS, MAX_IMAGE_BYTES, VariantsAnswer } from '../contract';

const media = exports.default;

function photo(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Uint8Array {
  const raw = new Uint8Array(width * height * 4);
  for (let i = 0; i < raw.length; i += 4) raw.set([(i / 4) % 255, 120, 200, 255], i);
  const image = new PhotonImage(raw, width, height);
  try {
    return format === 'jpeg' ? image.get_bytes_jpeg(85) : image.get_bytes();
  } finally {
    image.free();
  }
}

const fetchMedia = (path: string, init?: RequestInit) =>
  exports.default.fetch(new Request(`https://media.internal${path}`, init));

describe('variants (RPC)', () => {
  it('answers every stored width of a 2000×1500 JPEG, each a JPEG of its width, in the shape of the contract', async () => {
    const answer = await media.variants({ bytes: photo(2000, 1500), contentType: 'image/jpeg' });

    expect(VariantsAnswer.safeParse(answer).success).toBe(true);
    if (!answer.ok) throw new Error(answer.detail);
    expect(answer.image).toMatchObject({ format: 'jpeg', width: 2000, height: 1500 });
    expect(answer.image.variants.map((v) => [v.width, v.height])).toEqual(IMAGE_WIDTHS.map((w) => [w, (w * 3) / 4]));
    for (const variant of answer.image.variants) {
      expect(variant).toMatchObject({ contentType: 'image/jpeg', ext: 'jpg' });
      expect([...variant.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    }
  });

  it('refuses a PNG sent as image/jpeg as unsupported_media_type, an answer rather than a throw', async () => {
    expect(await media.variants({ bytes: photo(20, 20, 'png'), contentType: 'image/jpeg' })).toEqual({
      ok: false,
      reason: 'unsupported_media_type',
      detail: 'The file is a PNG image but was sent as image/jpeg',
    });
  });

  it('refuses a body over 5 MB and an empty one as payload_too_large', async () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(await media.variants({ bytes: big, contentType: 'image/jpeg' })).toEqual({
      ok: false,
      reason: 'payload_too_large',
      detail: 'The image is larger than 5 MB',
    });
    expect(await media.variants({ bytes: new Uint8Array(0), contentType: 'image/jpeg' })).toMatchObject({
      ok: false,
      reason: 'payload_too_large',
    });
  });

  it('refuses a truncated JPEG as validation_failed, naming the body as the caller’s problem+json does', async () => {
    const bytes = photo(300, 200);
    expect(await media.variants({ bytes: bytes.subarray(0, bytes.length / 2), contentType: 'image/jpeg' })).toEqual({
      ok: false,
      reason: 'validation_failed',
      detail: 'The image could not be decoded',
      errors: [{ path: 'body', message: 'the JPEG is truncated' }],
    });
  });

  it('refuses input that is not bytes and a content type, naming the field', async () => {
    const answer = await media.variants({ bytes: 'not bytes', contentType: 'image/jpeg' } as never);
    expect(answer).toMatchObject({ ok: false, reason: 'validation_failed', detail: expect.stringContaining('bytes') });
    const extra = await media.variants({ bytes: photo(20, 20), contentType: 'image/jpeg', key: 'x' } as never);
    expect(extra).toMatchObject({ ok: false, reason: 'validation_failed' });
  });
});

describe('HTTP', () => {
  it('answers GET /v1/health with the wasm memory this isolate holds', async () => {
    const response = await fetchMedia('/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ service: 'media', ok: true, wasmMemoryBytes: expect.any(Number) });
    expect(await media.health()).toMatchObject({ service: 'media', ok: true });
  });

  it('answers 404 and 405 as problem+json', async () => {
    await problem(await fetchMedia('/v1/images'), 404, 'route_not_found');
    await problem(await fetchMedia('/v1/health', { method: 'POST' }), 405, 'method_not_allowed');
  });

  it('documents its routes in OpenAPI', async () => {
    expect(Object.keys(await media.openapi())).toEqual(['/v1/health']);
  });
});
