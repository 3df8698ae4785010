import { PhotonImage, resize, SamplingFilter } from '@cf-wasm/photon';
import { AppError } from '@linked-all/http';
import { IMAGE_WIDTHS, type ImageVariant, MAX_IMAGE_BYTES, type ProcessedImage } from '../contract';

/**
 * Wasm memory never shrinks and counts against the isolate's 128 MB with the JS
 * heap. Photon peaks at ~13 bytes per source pixel to decode (decoded RGB, an
 * RGBA copy and the copy PhotonImage keeps) and ~20 once the first resize runs,
 * measured in workerd: 3 MP → 64 MB, 2048×2048 → 88 MB, 5 MP → 97–107 MB,
 * 8 MP → 143 MB. So the limit is 2048×2048 worth of pixels, checked from the
 * header before a byte is decoded; bigger photos are downscaled before upload.
 */
export const MAX_IMAGE_PIXELS = 2048 * 2048;
// Photon's WebP encoder is lossless only (VP8L): 5–8× the bytes of JPEG q80 on photos.
const JPEG_QUALITY = 80;

type ImageType = 'jpeg' | 'png' | 'webp';
type Header = { width: number; height: number; orientation: number; problem?: string };

const TYPE_OF_CONTENT_TYPE: Record<string, ImageType> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };
const NAMES: Record<ImageType, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Sniffs the real type from magic bytes; returns 'jpeg' | 'png' | 'webp' | null. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  return null;
}

/**
 * Checks an uploaded image and encodes one JPEG per IMAGE_WIDTHS entry not wider
 * than the original (or one at the original width when it is narrower than all
 * of them), upright per EXIF orientation and with transparency flattened on white.
 */
export async function processImage(bytes: Uint8Array, declaredContentType: string): Promise<ProcessedImage> {
  if (bytes.length === 0) throw new AppError('payload_too_large', 'The image is empty');
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw new AppError('payload_too_large', `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
  }
  const mediaType = declaredContentType.split(';')[0].trim().toLowerCase();
  const declared = TYPE_OF_CONTENT_TYPE[mediaType];
  if (!declared) {
    throw new AppError('unsupported_media_type', 'Images must be sent as image/jpeg, image/png or image/webp');
  }
  const type = sniffImageType(bytes);
  if (!type) throw new AppError('unsupported_media_type', 'The file is not a JPEG, PNG or WebP image');
  if (type !== declared) {
    throw new AppError('unsupported_media_type', `The file is a ${NAMES[type]} image but was sent as ${mediaType}`);
  }

  const header = type === 'jpeg' ? readJpegHeader(bytes) : type === 'png' ? readPngHeader(bytes) : readWebpHeader(bytes);
  if (header.width > 0 && header.height > 0 && header.width * header.height > MAX_IMAGE_PIXELS) {
    throw new AppError(
      'payload_too_large',
      `The image is ${header.width}×${header.height} pixels; the limit is ${(MAX_IMAGE_PIXELS / 1e6).toFixed(1)} megapixels`,
    );
  }
  // Photon aborts (a wasm trap) on any decode error, and a trap leaks everything
  // it had allocated for the life of the isolate: refuse what would trap first.
  const problem = header.problem ?? (type === 'png' ? await pngDataProblem(header) : undefined);
  if (problem) throw undecodable(problem);

  const owned = new Set<PhotonImage>();
  const own = (image: PhotonImage) => {
    owned.add(image);
    return image;
  };
  try {
    let decoded: PhotonImage;
    try {
      decoded = own(PhotonImage.new_from_byteslice(bytes));
    } catch {
      // The wasm trap says only "unreachable"; photon's panic message went to the console.
      throw undecodable('the decoder rejected the image data');
    }
    const transposed = header.orientation >= 5;
    const storedWidth = decoded.get_width();
    const storedHeight = decoded.get_height();
    const width = transposed ? storedHeight : storedWidth;
    const height = transposed ? storedWidth : storedHeight;
    const fits = IMAGE_WIDTHS.filter((w) => w <= width);
    const widths = fits.length > 0 ? fits : [width];

    // Largest first, each resized from the one before: later steps work on a
    // quarter of the pixels or fewer, and no step shrinks by more than 2× after the first.
    const variants: ImageVariant[] = [];
    let source = decoded;
    for (const w of widths.toReversed()) {
      const h = Math.max(1, Math.round((height * w) / width));
      const [rw, rh] = transposed ? [h, w] : [w, h];
      const sized =
        rw === source.get_width() && rh === source.get_height() ? source : own(resize(source, rw, rh, SamplingFilter.Triangle));
      const upright = finishPixels(sized, header.orientation, type !== 'jpeg', own);
      variants.unshift({
        width: w,
        height: h,
        bytes: upright.get_bytes_jpeg(JPEG_QUALITY),
        contentType: 'image/jpeg',
        ext: 'jpg',
      });
      source = sized;
    }
    return { format: 'jpeg', width, height, variants };
  } finally {
    for (const image of owned) image.free();
  }
}

function undecodable(message: string): AppError {
  return new AppError('validation_failed', 'The image could not be decoded', { errors: [{ path: 'body', message }] });
}

/**
 * Turns the stored pixels upright (EXIF orientations 2–8) and flattens alpha on
 * white, since JPEG has no transparency and a transparent pixel's colour is
 * often black. Returns `image` itself when there is nothing to do.
 */
function finishPixels(
  image: PhotonImage,
  orientation: number,
  mayHaveAlpha: boolean,
  own: (image: PhotonImage) => PhotonImage,
): PhotonImage {
  if (orientation === 1 && !mayHaveAlpha) return image;
  const w = image.get_width();
  const h = image.get_height();
  const raw = image.get_raw_pixels();
  let changed = orientation !== 1;
  if (mayHaveAlpha) {
    for (let i = 3; i < raw.length; i += 4) {
      const a = raw[i];
      if (a === 255) continue;
      changed = true;
      for (let c = i - 3; c < i; c++) raw[c] = Math.round((raw[c] * a + 255 * (255 - a)) / 255);
      raw[i] = 255;
    }
  }
  if (!changed) return image;
  const transposed = orientation >= 5;
  const dw = transposed ? h : w;
  const dh = transposed ? w : h;
  // Index of the stored pixel shown at display position (x, y), per EXIF orientation.
  const storedIndex: Record<number, (x: number, y: number) => number> = {
    2: (x, y) => y * w + (w - 1 - x),
    3: (x, y) => (h - 1 - y) * w + (w - 1 - x),
    4: (x, y) => (h - 1 - y) * w + x,
    5: (x, y) => x * w + y,
    6: (x, y) => (h - 1 - x) * w + y,
    7: (x, y) => (h - 1 - x) * w + (w - 1 - y),
    8: (x, y) => x * w + (w - 1 - y),
  };
  const indexOf = storedIndex[orientation];
  if (!indexOf) return own(new PhotonImage(raw, w, h));
  const from = new Uint32Array(raw.buffer, raw.byteOffset, w * h);
  const to = new Uint32Array(w * h);
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) to[y * dw + x] = from[indexOf(x, y)];
  }
  return own(new PhotonImage(new Uint8Array(to.buffer), dw, dh));
}

// ---- headers: dimensions without decoding, and the faults that make photon trap ----

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32le = (b: Uint8Array, i: number) => (u24le(b, i) | (b[i + 3] << 24)) >>> 0;
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));
const broken = (problem: string): Header => ({ width: 0, height: 0, orientation: 1, problem });

// Sequential and progressive Huffman JPEG: what photon's decoder (zune-jpeg) reads.
const SUPPORTED_SOF = new Set([0xc0, 0xc1, 0xc2]);

function readJpegHeader(b: Uint8Array): Header {
  let width = 0;
  let height = 0;
  let orientation = 1;
  let sof = 0;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return broken('the JPEG markers are corrupt');
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    i += 2;
    if ((marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) continue; // markers without a length
    if (marker === 0xd9) break;
    const length = u16be(b, i);
    if (length < 2 || i + length > b.length) return broken('the JPEG is truncated');
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) return broken('the JPEG frame header is corrupt');
      sof = marker;
      height = u16be(b, i + 3);
      width = u16be(b, i + 5);
      if (!SUPPORTED_SOF.has(marker)) {
        return { width, height, orientation, problem: 'arithmetic-coded, lossless and hierarchical JPEGs are not supported' };
      }
      if (b[i + 2] !== 8) return { width, height, orientation, problem: 'only 8-bit JPEGs are supported' };
      if (width === 0 || height === 0) return broken('the JPEG has no dimensions');
    } else if (marker === 0xe1 && length >= 16 && ascii(b, i + 2, 6) === 'Exif\0\0') {
      orientation = readExifOrientation(b.subarray(i + 8, i + length));
    } else if (marker === 0xda) {
      if (!sof) return broken('the JPEG has no frame header');
      // zune-jpeg tolerates damaged scan data but not a missing end marker.
      for (let j = b.length - 2; j >= i + length; j--) {
        if (b[j] === 0xff && b[j + 1] === 0xd9) return { width, height, orientation };
      }
      return { width, height, orientation, problem: 'the JPEG is truncated' };
    }
    i += length;
  }
  return sof ? { width, height, orientation, problem: 'the JPEG has no image data' } : broken('the JPEG has no frame header');
}

/** Orientation tag (0x0112) of IFD0 in a TIFF-structured EXIF block; 1 when absent or odd. */
function readExifOrientation(tiff: Uint8Array): number {
  const le = ascii(tiff, 0, 2) === 'II';
  if (!le && ascii(tiff, 0, 2) !== 'MM') return 1;
  const u16 = (i: number) => (le ? u16le(tiff, i) : u16be(tiff, i));
  const ifd = le ? u32le(tiff, 4) : u32be(tiff, 4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let n = 0; n < count; n++) {
    const entry = ifd + 2 + n * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

type PngHeader = Header & { bitsPerPixel?: number; interlaced?: boolean; idat?: Uint8Array[] };
// Colour type → [channels, allowed bit depths] (PNG spec, table 11.1).
const PNG_COLOUR_TYPES: Record<number, [number, number[]]> = {
  0: [1, [1, 2, 4, 8, 16]],
  2: [3, [8, 16]],
  3: [1, [1, 2, 4, 8]],
  4: [2, [8, 16]],
  6: [4, [8, 16]],
};

function readPngHeader(b: Uint8Array): PngHeader {
  if (b.length < 33 || u32be(b, 8) !== 13 || ascii(b, 12, 4) !== 'IHDR') return broken('the PNG has no header chunk');
  const width = u32be(b, 16);
  const height = u32be(b, 20);
  const depth = b[24];
  const [channels, depths] = PNG_COLOUR_TYPES[b[25]] ?? [0, []];
  const fail = (problem: string): PngHeader => ({ width, height, orientation: 1, problem });
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) return fail('the PNG has no valid dimensions');
  if (!depths.includes(depth) || b[26] !== 0 || b[27] !== 0 || b[28] > 1) {
    return fail('the PNG header is corrupt');
  }
  // Every chunk must lie inside the file with a correct CRC, and IEND must be
  // there: a PNG cut short or damaged in transit fails here, not in photon.
  const idat: Uint8Array[] = [];
  for (let i = 8; ; ) {
    if (i + 12 > b.length) return fail('the PNG is truncated');
    const length = u32be(b, i);
    const end = i + 12 + length;
    if (end > b.length) return fail('the PNG is truncated');
    if (crc32(b.subarray(i + 4, i + 8 + length)) !== u32be(b, i + 8 + length)) {
      return fail('the PNG is corrupt (a chunk fails its CRC)');
    }
    const type = ascii(b, i + 4, 4);
    if (type === 'IDAT') idat.push(b.subarray(i + 8, i + 8 + length));
    if (type === 'IEND') break;
    i = end;
  }
  if (idat.length === 0) return fail('the PNG has no image data');
  return { width, height, orientation: 1, bitsPerPixel: depth * channels, interlaced: b[28] === 1, idat };
}

/**
 * Inflates the PNG's image data (natively, streamed, nothing kept) and checks it
 * holds every scanline: short or broken zlib data would otherwise trap in photon.
 */
async function pngDataProblem(header: PngHeader): Promise<string | undefined> {
  const { width, height, bitsPerPixel = 0, interlaced, idat = [] } = header;
  const rowBytes = (w: number) => 1 + Math.ceil((w * bitsPerPixel) / 8);
  let expected = height * rowBytes(width);
  if (interlaced) {
    expected = 0;
    // Adam7 passes: [x0, y0, dx, dy].
    for (const [x0, y0, dx, dy] of [
      [0, 0, 8, 8],
      [4, 0, 8, 8],
      [0, 4, 4, 8],
      [2, 0, 4, 4],
      [0, 2, 2, 4],
      [1, 0, 2, 2],
      [0, 1, 1, 2],
    ]) {
      const pw = Math.ceil((width - x0) / dx);
      const ph = Math.ceil((height - y0) / dy);
      if (pw > 0 && ph > 0) expected += ph * rowBytes(pw);
    }
  }
  const reader = new Blob(idat).stream().pipeThrough(new DecompressionStream('deflate')).getReader();
  let inflated = 0;
  try {
    while (inflated < expected) {
      const { done, value } = await reader.read();
      if (done) return 'the PNG image data is truncated';
      inflated += value.byteLength;
    }
    return undefined;
  } catch {
    return 'the PNG image data is corrupt';
  } finally {
    // Enough scanlines seen: stop inflating whatever follows them. Cancelling a
    // stream that already failed rejects, and that failure is reported above.
    reader.cancel().catch(() => {});
  }
}

function readWebpHeader(b: Uint8Array): Header {
  const riffEnd = 8 + u32le(b, 4);
  if (riffEnd > b.length || riffEnd < 20) return broken('the WebP is truncated');
  let width = 0;
  let height = 0;
  let animated = false;
  let bitstream = false;
  for (let i = 12; i + 8 <= riffEnd; ) {
    const type = ascii(b, i, 4);
    const size = u32le(b, i + 4);
    const data = i + 8;
    if (data + size > riffEnd) return { width, height, orientation: 1, problem: 'the WebP is truncated' };
    if (type === 'VP8X' && size >= 10) {
      animated = (b[data] & 0x02) !== 0;
      width = u24le(b, data + 4) + 1;
      height = u24le(b, data + 7) + 1;
    } else if (type === 'VP8 ' && size >= 10) {
      if (b[data + 3] !== 0x9d || b[data + 4] !== 0x01 || b[data + 5] !== 0x2a) return broken('the WebP bitstream is corrupt');
      width ||= u16le(b, data + 6) & 0x3fff;
      height ||= u16le(b, data + 8) & 0x3fff;
      bitstream = true;
    } else if (type === 'VP8L' && size >= 5) {
      if (b[data] !== 0x2f) return broken('the WebP bitstream is corrupt');
      const bits = u32le(b, data + 1);
      width ||= (bits & 0x3fff) + 1;
      height ||= ((bits >>> 14) & 0x3fff) + 1;
      bitstream = true;
    }
    i = data + size + (size & 1);
  }
  if (animated) return { width, height, orientation: 1, problem: 'animated WebP images are not supported' };
  if (!bitstream || width === 0 || height === 0) return { width, height, orientation: 1, problem: 'the WebP has no image data' };
  return { width, height, orientation: 1 };
}
