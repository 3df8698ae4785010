import { env } from 'cloudflare:test';
import { PhotonImage } from '@cf-wasm/photon';
import { FAULT_SWITCH_PATH } from '@linked-all/http';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, P, problem, seedCatalog, VENDOR_A, VENDOR_B, vendorToken } from './fixtures';

let tokenA: string;

function photo(width: number, height: number): Uint8Array {
  const raw = new Uint8Array(width * height * 4);
  for (let i = 0; i < raw.length; i += 4) raw.set([(i / 4) % 255, 120, 200, 255], i);
  const image = new PhotonImage(raw, width, height);
  try {
    return image.get_bytes_jpeg(85);
  } finally {
    image.free();
  }
}

beforeAll(async () => {
  await seedCatalog(env.DB);
  tokenA = await vendorToken(VENDOR_A);
});

function upload(productId: string, bytes: BodyInit, contentType: string, token = tokenA) {
  return call(`/v1/vendor/products/${productId}/images?alt=Front%20view`, {
    method: 'PUT',
    token,
    headers: { 'content-type': contentType },
    body: bytes,
  });
}

describe('PUT /v1/vendor/products/:id/images', () => {
  it('stores every width at upload and serves each with immutable caching', async () => {
    const response = await upload(P.case, photo(800, 600), 'image/jpeg');
    expect(response.status).toBe(201);
    const image = (await response.json()) as {
      srcset: string;
      urls: Record<string, string>;
      width: number;
      height: number;
      alt: string;
    };
    expect(image).toMatchObject({ width: 800, height: 600, alt: 'Front view' });
    expect(Object.keys(image.urls)).toEqual(['160', '320', '640']);

    const served = await call(image.urls['320']);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = new Uint8Array(await served.arrayBuffer());
    const decoded = PhotonImage.new_from_byteslice(bytes);
    expect([decoded.get_width(), decoded.get_height()]).toEqual([320, 240]);
    decoded.free();

    const product = (await (await call(`/v1/products/${P.case}`)).json()) as { images: { srcset: string }[] };
    expect(product.images.at(-1)?.srcset).toBe(image.srcset);
  });

  it('serves the nearest stored width for any ?w=', async () => {
    const { urls } = (await (await upload(P.case, photo(700, 700), 'image/jpeg')).json()) as { urls: Record<string, string> };
    const served = await call(urls['640'].replace('w=640', 'w=500'));
    const decoded = PhotonImage.new_from_byteslice(new Uint8Array(await served.arrayBuffer()));
    expect(decoded.get_width()).toBe(640);
    decoded.free();
  });

  it('refuses a body that is not the image type it claims (415) and a body over 5 MB (413)', async () => {
    await problem(
      await upload(P.case, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/png'),
      415,
      'unsupported_media_type',
    );
    await problem(await upload(P.case, photo(50, 50), 'image/gif'), 415, 'unsupported_media_type');
    await problem(await upload(P.case, new Uint8Array(5 * 1024 * 1024 + 1), 'image/jpeg'), 413, 'payload_too_large');
  });

  it('answers 400 naming the body for a damaged photo, as the media worker refused it, and stores nothing', async () => {
    const before = await env.IMAGES.list({ prefix: `products/${P.case}/` });
    const bytes = photo(300, 200);
    const body = await problem(await upload(P.case, bytes.subarray(0, bytes.length / 2), 'image/jpeg'), 400, 'validation_failed');
    expect(body).toMatchObject({
      type: 'https://docs.linkedall.africa/problems/validation-failed',
      title: 'The request is not valid',
      detail: 'The image could not be decoded',
      errors: [{ path: 'body', message: 'the JPEG is truncated' }],
    });
    expect((await env.IMAGES.list({ prefix: `products/${P.case}/` })).objects.length).toBe(before.objects.length);
  });

  it('answers 413 for a photo of more than 2048×2048 pixels, read from its header before decoding', async () => {
    const body = await problem(await upload(P.case, photo(2100, 2100), 'image/jpeg'), 413, 'payload_too_large');
    expect(body.detail).toBe('The image is 2100×2100 pixels; the limit is 4.2 megapixels');
  });

  it('answers 503 upstream_unavailable with Retry-After while the media worker fails, and stores nothing', async () => {
    const before = await env.IMAGES.list({ prefix: `products/${P.case}/` });
    const switchTo = (mode: string) =>
      env.MEDIA.fetch(`https://media.internal${FAULT_SWITCH_PATH}`, { method: 'PUT', body: JSON.stringify({ mode }) });
    expect((await switchTo('fail')).status).toBe(200);
    try {
      const response = await upload(P.case, photo(200, 200), 'image/jpeg');
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      await problem(response, 503, 'upstream_unavailable');
    } finally {
      await switchTo('off');
    }
    expect((await env.IMAGES.list({ prefix: `products/${P.case}/` })).objects.length).toBe(before.objects.length);
  });

  it("answers 404 when a vendor uploads to another vendor's product, and stores nothing", async () => {
    const before = await env.IMAGES.list({ prefix: `products/${P.case}/` });
    await problem(await upload(P.case, photo(200, 200), 'image/jpeg', await vendorToken(VENDOR_B)), 404, 'not_found');
    const after = await env.IMAGES.list({ prefix: `products/${P.case}/` });
    expect(after.objects.length).toBe(before.objects.length);
  });

  it('answers 404 for an image that does not exist and 400 for a path outside the image store', async () => {
    await problem(await call('/v1/images/products/prd_x/img_missing.jpg?w=320'), 404, 'not_found');
    await problem(await call('/v1/images/secrets/..%2Fconfig.jpg'), 400, 'validation_failed');
  });
});
