import { type CurrencyCode, formatMoney } from '@linked-all/money';
import type { ImageView } from '../../contract';

/** A price as the API shows it: minor units, currency and a formatted string. */
export function priceView(amount: number, currency: string) {
  const code = currency as CurrencyCode;
  return { amount, currency: code, formatted: formatMoney(amount, code) };
}

export type ImageRow = {
  id: string;
  key: string;
  widths: string | number[];
  format: string;
  width: number;
  height: number;
  alt: string;
};

const EXTENSIONS: Record<string, string> = { webp: 'webp', jpeg: 'jpg' };

/** R2 object key of one stored width of an image. */
export function imageObjectKey(key: string, format: string, width: number): string {
  return `${key}/${width}.${EXTENSIONS[format] ?? format}`;
}

/** Public URL of one stored width; `/v1/images/<key>.<ext>?w=<width>`. */
export function imageUrl(key: string, format: string, width: number): string {
  return `/v1/images/${key}.${EXTENSIONS[format] ?? format}?w=${width}`;
}

export function imageView(row: ImageRow): ImageView {
  const widths = (typeof row.widths === 'string' ? (JSON.parse(row.widths) as number[]) : row.widths).toSorted((a, b) => a - b);
  const urls = Object.fromEntries(widths.map((w) => [String(w), imageUrl(row.key, row.format, w)]));
  // `src` is what browsers without srcset support load: a middle width that suits a phone.
  const srcWidth = widths.find((w) => w >= 320) ?? widths[widths.length - 1];
  return {
    id: row.id,
    alt: row.alt,
    width: row.width,
    height: row.height,
    src: imageUrl(row.key, row.format, srcWidth),
    srcset: widths.map((w) => `${urls[String(w)]} ${w}w`).join(', '),
    urls,
  };
}

export const iso = (ms: number) => new Date(ms).toISOString();
