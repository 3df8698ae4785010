import { initPhoton, PhotonImage } from '@cf-wasm/photon';
import { AppError, type ErrorCode } from '@linked-all/http';
import { describe, expect, it } from 'vitest';
import { IMAGE_WIDTHS, MAX_IMAGE_BYTES } from '../contract';
import { processImage, sniffImageType } from './image-pipeline';

type Rgba = [number, number, number, number];

/** Raw RGBA pixels from a colour function: a smooth gradient unless told otherwise. */
function pixels(width: number, height: number, colour?: (x: number, y: number) => Rgba): Uint8Array {
  const raw = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = colour?.(x, y) ?? [(x * 255) / width, (y * 255) / height, ((x + y) * 3) % 256, 255];
      raw.set(c, (y * width + x) * 4);
    }
  }
  return raw;
}

function encode(format: 'jpeg' | 'png' | 'webp', width: number, height: number, colour?: (x: number, y: number) => Rgba) {
  const image = new PhotonImage(pixels(width, height, colour), width, height);
  try {
    return format === 'jpeg' ? image.get_bytes_jpeg(90) : format === 'png' ? image.get_bytes() : image.get_bytes_webp();
  } finally {
    image.free();
  }
}

/** Decodes output bytes back to width, height and an RGBA reader. */
function decode(bytes: Uint8Array) {
  const image = PhotonImage.new_from_byteslice(bytes);
  const width = image.get_width();
  const height = image.get_height();
  const raw = image.get_raw_pixels();
  image.free();
  return { width, height, at: (x: number, y: number) => [...raw.subarray((y * width + x) * 4, (y * width + x) * 4 + 3)] };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.unreachable('processImage resolved'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const codeOf = async (promise: Promise<unknown>): Promise<ErrorCode> => (await rejection(promise)).code;

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];
const le32 = (n: number) => [...le16(n & 0xffff), ...le16(n >>> 16)];
const concat = (...parts: number[][]) => new Uint8Array(parts.flat());
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const text = (s: string) => [...s].map((c) => c.charCodeAt(0));

function crc32(bytes: number[]): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: ArrayLike<number>): number[] {
  const body = [...text(type), ...Array.from(data)];
  return [...be32(data.length), ...body, ...be32(crc32(body))];
}

/** A hand-built PNG (valid CRCs; 8-bit RGBA unless told) around whatever zlib data is given. */
function pngFile(width: number, height: number, zlib: ArrayLike<number>, { depth = 8, colourType = 6, interlace = 0 } = {}) {
  return new Uint8Array([
    ...PNG_SIGNATURE,
    ...pngChunk('IHDR', [...be32(width), ...be32(height), depth, colourType, 0, 0, interlace]),
    ...pngChunk('IDAT', zlib),
    ...pngChunk('IEND', []),
  ]);
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A JPEG with an EXIF block (big-endian TIFF) whose IFD0 holds only the orientation tag. */
function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = [...text('MM'), 0, 42, ...be32(8), 0, 1, 0x01, 0x12, 0, 3, ...be32(1), 0, orientation, 0, 0, ...be32(0)];
  const app1 = [0xff, 0xe1, 0, 2 + 6 + tiff.length, ...text('Exif'), 0, 0, ...tiff];
  return new Uint8Array([0xff, 0xd8, ...app1, ...jpeg.subarray(2)]);
}

describe('sniffImageType', () => {
  it('recognises JPEG, PNG and WebP by their magic bytes', () => {
    expect(sniffImageType(encode('jpeg', 8, 8))).toBe('jpeg');
    expect(sniffImageType(encode('png', 8, 8))).toBe('png');
    expect(sniffImageType(encode('webp', 8, 8))).toBe('webp');
  });

  it('returns null for GIFs, text and files too short to tell', () => {
    expect(sniffImageType(new Uint8Array(text('GIF89a\x01\x00\x01\x00')))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(new Uint8Array(text('RIFF\0\0\0\0WAVE')))).toBeNull();
  });
});

describe('processImage', () => {
  it('makes a 160, 320, 640 and 1024 px wide JPEG of a 2000×1500 photo, keeping its aspect ratio', async () => {
    const image = await processImage(encode('jpeg', 2000, 1500), 'image/jpeg');

    expect(image).toMatchObject({ format: 'jpeg', width: 2000, height: 1500 });
    expect(image.variants.map((v) => [v.width, v.height])).toEqual([
      [160, 120],
      [320, 240],
      [640, 480],
      [1024, 768],
    ]);
    for (const variant of image.variants) {
      expect(variant).toMatchObject({ contentType: 'image/jpeg', ext: 'jpg' });
      expect(sniffImageType(variant.bytes)).toBe('jpeg');
      expect(decode(variant.bytes)).toMatchObject({ width: variant.width, height: variant.height });
    }
  });

  it('rounds heights to keep the aspect ratio of an odd-sized PNG', async () => {
    const image = await processImage(encode('png', 1333, 999), 'image/png');

    for (const variant of image.variants) {
      expect(variant.height).toBe(Math.round((999 * variant.width) / 1333));
    }
  });

  it('never upscales: an 800 px wide image yields only the widths it covers', async () => {
    const image = await processImage(encode('png', 800, 600), 'image/png');

    expect(image.variants.map((v) => v.width)).toEqual([160, 320, 640]);
    expect(Math.max(...image.variants.map((v) => v.width))).toBeLessThanOrEqual(image.width);
  });

  it('keeps an image exactly as wide as a listed width at that width', async () => {
    const image = await processImage(encode('jpeg', 640, 400), 'image/jpeg');

    expect(image.variants.map((v) => [v.width, v.height])).toEqual([
      [160, 100],
      [320, 200],
      [640, 400],
    ]);
  });

  it('stores an image narrower than the smallest width once, at its own size', async () => {
    const image = await processImage(encode('png', 100, 50), 'image/png');

    expect(IMAGE_WIDTHS[0]).toBeGreaterThan(100);
    expect(image.variants.map((v) => [v.width, v.height])).toEqual([[100, 50]]);
    expect(decode(image.variants[0].bytes)).toMatchObject({ width: 100, height: 50 });
  });

  it('accepts WebP uploads and a declared type in any case with parameters', async () => {
    const image = await processImage(encode('webp', 400, 300), 'Image/WebP; charset=binary');

    expect(image.variants.map((v) => [v.width, v.height])).toEqual([
      [160, 120],
      [320, 240],
    ]);
    expect(image.variants.every((v) => sniffImageType(v.bytes) === 'jpeg')).toBe(true);
  });

  it('turns a phone photo upright from its EXIF orientation', async () => {
    // Stored 300×200, left half red and right half blue; orientation 6 means
    // "rotate 90° clockwise to display": upright it is 200×300, red on top.
    const red: Rgba = [255, 0, 0, 255];
    const blue: Rgba = [0, 0, 255, 255];
    const stored = encode('jpeg', 300, 200, (x) => (x < 150 ? red : blue));

    const image = await processImage(withExifOrientation(stored, 6), 'image/jpeg');

    expect(image).toMatchObject({ width: 200, height: 300 });
    expect(image.variants.map((v) => [v.width, v.height])).toEqual([[160, 240]]);
    const upright = decode(image.variants[0].bytes);
    expect(upright).toMatchObject({ width: 160, height: 240 });
    const [r1, , b1] = upright.at(80, 40);
    const [r2, , b2] = upright.at(80, 200);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
    expect(r2).toBeLessThan(60);
  });

  it('flattens transparent pixels onto white, since JPEG has no alpha', async () => {
    const image = await processImage(
      encode('png', 200, 100, () => [0, 0, 0, 0]),
      'image/png',
    );

    const [r, g, b] = decode(image.variants[0].bytes).at(50, 50);
    expect(Math.min(r, g, b)).toBeGreaterThan(245);
  });

  it('frees every photon image, so wasm memory stays flat across uploads', async () => {
    const { memory } = await initPhoton.ensure();
    const upload = encode('png', 800, 600);
    await processImage(upload, 'image/png');
    const before = memory.buffer.byteLength;

    for (let i = 0; i < 3; i++) await processImage(upload, 'image/png');

    expect(memory.buffer.byteLength).toBe(before);
  });

  it('answers unsupported_media_type when a PNG is sent as image/jpeg', async () => {
    const error = await rejection(processImage(encode('png', 20, 20), 'image/jpeg'));

    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toBe('The file is a PNG image but was sent as image/jpeg');
  });

  it.each(['image/gif', 'image/svg+xml', 'application/octet-stream', ''])(
    'answers unsupported_media_type for a file declared as %j',
    async (contentType) => {
      expect(await codeOf(processImage(encode('png', 20, 20), contentType))).toBe('unsupported_media_type');
    },
  );

  it('answers unsupported_media_type for bytes that are no image at all', async () => {
    const garbage = crypto.getRandomValues(new Uint8Array(4096));
    garbage[0] = 0; // never a JPEG by chance

    expect(await codeOf(processImage(garbage, 'image/png'))).toBe('unsupported_media_type');
  });

  it('answers validation_failed for a PNG with a damaged byte', async () => {
    const png = encode('png', 400, 300);
    png[png.length - 100] ^= 0xff;

    const error = await rejection(processImage(png, 'image/png'));

    expect(error.code).toBe('validation_failed');
    expect(error.extra.errors).toEqual([{ path: 'body', message: 'the PNG is corrupt (a chunk fails its CRC)' }]);
  });

  it('answers validation_failed for a PNG whose image data stops early', async () => {
    // Valid chunks and CRCs, but only half the scanlines of a 64×64 RGBA image.
    const rows = new Uint8Array(32 * (1 + 64 * 4));

    const error = await rejection(processImage(pngFile(64, 64, await deflate(rows)), 'image/png'));

    expect(error.code).toBe('validation_failed');
    expect(error.extra.errors).toEqual([{ path: 'body', message: 'the PNG image data is truncated' }]);
  });

  it('answers validation_failed when the decoder itself rejects the pixels', async () => {
    // Every scanline names filter type 9, which PNG does not have: only the decoder notices.
    const rows = new Uint8Array(64 * (1 + 64 * 4));
    for (let y = 0; y < 64; y++) rows[y * (1 + 64 * 4)] = 9;

    const error = await rejection(processImage(pngFile(64, 64, await deflate(rows)), 'image/png'));

    expect(error.code).toBe('validation_failed');
    expect(error.extra.errors).toEqual([{ path: 'body', message: 'the decoder rejected the image data' }]);
  });

  it('answers validation_failed for random bytes behind a PNG signature', async () => {
    const bytes = crypto.getRandomValues(new Uint8Array(4096));
    bytes.set(PNG_SIGNATURE);

    expect(await codeOf(processImage(bytes, 'image/png'))).toBe('validation_failed');
  });

  it('still processes good images after rejecting broken ones', async () => {
    const rows = new Uint8Array(64 * (1 + 64 * 4)).fill(9);
    await codeOf(processImage(pngFile(64, 64, await deflate(rows)), 'image/png'));

    const image = await processImage(encode('jpeg', 300, 200), 'image/jpeg');

    expect(image.variants.map((v) => [v.width, v.height])).toEqual([[160, 107]]);
  });

  it('decodes an interlaced PNG, whose image data is laid out in seven passes', async () => {
    // Adam7 passes of a 5×3 RGBA image as [columns, rows]; each row is filter 0 then grey pixels.
    const passes = [
      [1, 1],
      [1, 1],
      [2, 0],
      [1, 1],
      [3, 1],
      [2, 2],
      [5, 1],
    ];
    const rows = passes.flatMap(([columns, count]) => Array.from({ length: count }, () => [0, ...Array(columns * 4).fill(128)]));
    const png = pngFile(5, 3, await deflate(new Uint8Array(rows.flat())), { interlace: 1 });

    const image = await processImage(png, 'image/png');

    expect(image.variants.map((v) => [v.width, v.height])).toEqual([[5, 3]]);
  });

  it('decodes a 1-bit greyscale PNG, whose rows are shorter than its width', async () => {
    // 10×2 pixels at 1 bit each: a filter byte and two bytes per row.
    const png = pngFile(10, 2, await deflate(new Uint8Array([0, 0xaa, 0xc0, 0, 0x55, 0x40])), { depth: 1, colourType: 0 });

    const image = await processImage(png, 'image/png');

    expect(image.variants.map((v) => [v.width, v.height])).toEqual([[10, 2]]);
  });

  it.each([
    ['jpeg', 'the JPEG is truncated'],
    ['png', 'the PNG is truncated'],
    ['webp', 'the WebP is truncated'],
  ] as const)('answers validation_failed for a %s cut in half', async (type, message) => {
    const bytes = encode(type, 300, 200);

    const error = await rejection(processImage(bytes.subarray(0, bytes.length / 2), `image/${type}`));

    expect(error.code).toBe('validation_failed');
    expect(error.extra.errors).toEqual([{ path: 'body', message }]);
  });

  it('answers payload_too_large for an empty body', async () => {
    expect(await codeOf(processImage(new Uint8Array(0), 'image/jpeg'))).toBe('payload_too_large');
  });

  it('answers payload_too_large for a file over 5 MB', async () => {
    const bytes = new Uint8Array(MAX_IMAGE_BYTES + 1);
    bytes.set(encode('jpeg', 16, 16));

    expect(await codeOf(processImage(bytes, 'image/jpeg'))).toBe('payload_too_large');
  });

  const bombs = {
    // IHDR of a 20000×20000 RGBA PNG; no pixel data follows.
    png: concat(PNG_SIGNATURE, pngChunk('IHDR', [...be32(20000), ...be32(20000), 8, 6, 0, 0, 0])),
    // SOI, then a baseline SOF0 (length 17, 8 bits, height and width) with three components.
    jpeg: concat([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8], be32((20000 << 16) | 20000), [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]),
    // RIFF/WEBP holding only a VP8X chunk (flags, reserved, width - 1, height - 1) for a 20000×20000 canvas.
    webp: concat(text('RIFF'), le32(22), text('WEBPVP8X'), le32(10), [0, 0, 0, 0], le24(19999), le24(19999)),
  };

  it.each(Object.entries(bombs))(
    'answers payload_too_large for a %s whose header claims 20000×20000 pixels, before decoding',
    async (type, bytes) => {
      const error = await rejection(processImage(bytes, `image/${type}`));

      expect(error.code).toBe('payload_too_large');
      expect(error.message).toMatch(/^The image is 20000×20000 pixels; the limit is 4\.2 megapixels$/);
    },
  );
});
