import type { ImageView } from '../types';
import { useI18n } from './i18n';

type Props = {
  image: ImageView;
  /** The `sizes` attribute: how wide the image is shown at each viewport width. */
  sizes: string;
  /** Above the fold: load at once (the first two images of a page), else lazily. */
  eager?: boolean;
  /** The page's single most important image (product page hero). */
  priority?: boolean;
  saveData: boolean;
};

/**
 * A product image from R2 in several widths. In data-saver mode no image is
 * requested: a placeholder link to the image stands in, and a tap (with the
 * inline script) swaps the real image in, or (without JS) opens it.
 */
export function ProductImage({ image, sizes, eager = false, priority = false, saveData }: Props) {
  const { t } = useI18n();
  if (saveData) {
    return (
      <a
        class="ph"
        href={image.src}
        data-srcset={image.srcset}
        data-sizes={sizes}
        data-w={image.width}
        data-h={image.height}
        data-alt={image.alt}
      >
        {t('shop.image.tap')}
        <span class="sr">: {image.alt}</span>
      </a>
    );
  }
  return (
    <img
      src={image.src}
      srcset={image.srcset}
      sizes={sizes}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding={eager ? undefined : 'async'}
      fetchpriority={priority ? 'high' : undefined}
    />
  );
}
