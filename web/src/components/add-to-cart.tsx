import { optionText } from '../shop/words';
import type { ProductDetail } from '../types';
import { useI18n } from './i18n';
import { Price } from './price';
import { StockState } from './stock-state';

/** The shopper's last choice, kept when the form comes back with an error. */
export type Chosen = { skuId?: string; quantity?: number };

/** The most of one SKU a cart line may hold (the orders service enforces the same limit). */
export const MAX_QUANTITY = 20;

/**
 * The product's buy form: a plain POST (no JS), one radio per option with its price and stock,
 * sold-out options disabled, a quantity, and the error of the last attempt in words.
 */
export function AddToCart({
  product,
  error,
  chosen = {},
  formToken,
}: {
  product: ProductDetail;
  error?: string;
  chosen?: Chosen;
  /** Made when the page is rendered: the cart adds this form once, however often it is sent. */
  formToken?: string;
}) {
  const { t } = useI18n();
  const { skus } = product;
  const buyable = skus.filter((s) => s.available > 0);
  const selected = buyable.find((s) => s.id === chosen.skuId) ?? buyable[0];
  return (
    <form class="panel" method="post" action="/cart/items">
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      <input type="hidden" name="productId" value={product.id} />
      {formToken ? <input type="hidden" name="formToken" value={formToken} /> : null}
      {skus.length === 1 ? (
        <>
          <input type="hidden" name="skuId" value={skus[0].id} />
          {Object.keys(skus[0].options).length ? <p>{optionText(skus[0].options)}</p> : null}
        </>
      ) : (
        <fieldset class="skus">
          <legend>{t('shop.add.choose')}</legend>
          {skus.map((sku) => (
            <label class="sku">
              <input
                type="radio"
                name="skuId"
                value={sku.id}
                checked={sku.id === selected?.id}
                disabled={sku.available <= 0}
                required
              />
              <span>
                {optionText(sku.options) || sku.code}
                <span class="meta">
                  <Price price={sku.price} /> · <StockState available={sku.available} />
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <label class="qty">
        {t('shop.add.quantity')}
        <input
          type="number"
          name="quantity"
          value={String(chosen.quantity ?? 1)}
          min="1"
          max={String(MAX_QUANTITY)}
          inputmode="numeric"
          required
        />
      </label>
      <button type="submit" disabled={!selected}>
        {t(selected ? 'shop.add.button' : 'shop.add.sold_out')}
      </button>
    </form>
  );
}
