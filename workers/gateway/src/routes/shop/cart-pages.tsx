import { ProductId } from '@linked-all/catalog/contract';
import { IdempotencyKey } from '@linked-all/http';
import { BadRequestPage, CartPage, MAX_QUANTITY, ProductPage } from '@linked-all/web';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { catalogData } from '../../catalog-data';
import { notFound, type PageCtx, type PagesEnv, pageContext, pageI18nOf, sendPage, shopCountry } from '../../page-response';
import { isRefusal, ServiceProblem } from '../../service-client';
import { setFlash, takeFlash } from '../../session';
import { cartProblemText, changeCart, openCart } from '../../shop-cart';
import { FORM_LIMIT, form, PRIVATE, Quantity, SkuId, seeOther, status } from './forms';

// Product → cart: add from the product page, change or remove a line on the cart page.

const AddForm = z.object({
  productId: ProductId,
  skuId: z.string().optional(),
  quantity: z.string().optional(),
  // The form's one-time token, sent to the cart as the add's idempotency key.
  formToken: IdempotencyKey.optional(),
});

async function addToCart(c: PageCtx) {
  const { t } = pageI18nOf(c);
  const fields = AddForm.safeParse(await form(c));
  if (!fields.success) {
    return sendPage(c, <BadRequestPage {...pageContext(c)} message={t('shop.error.form_not_product')} />, 400, PRIVATE);
  }
  const { productId } = fields.data;
  const quantity = Quantity.safeParse(fields.data.quantity);
  const skuId = SkuId.safeParse(fields.data.skuId);
  const chosen = { skuId: fields.data.skuId, quantity: quantity.success ? quantity.data : undefined };
  const again = async (error: string, code: ContentfulStatusCode) => {
    const product = await catalogData(c).getProduct(productId);
    if (!product) return notFound(c, t('shop.error.product_gone'), PRIVATE);
    const page = (
      <ProductPage {...pageContext(c)} product={product} error={error} chosen={chosen} formToken={crypto.randomUUID()} />
    );
    return sendPage(c, page, code, PRIVATE);
  };
  if (!skuId.success) return again(t('shop.add.choose_first'), 400);
  if (!quantity.success) return again(t('shop.add.quantity_range', { max: MAX_QUANTITY }), 400);
  try {
    const open = await openCart(c, true);
    const { formToken } = fields.data;
    const country = shopCountry(c);
    await changeCart(c, open, '/items', {
      method: 'POST',
      // The shop country: an item that cannot be delivered there is refused now, not after the order.
      json: { skuId: skuId.data, quantity: quantity.data, ...(country ? { shipTo: country } : {}) },
      ...(formToken ? { headers: { ...open.auth.headers, 'idempotency-key': formToken } } : {}),
    });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return again(cartProblemText(t, err), status(err));
  }
  setFlash(c, 'added');
  return seeOther(c, '/cart');
}

async function showCart(c: PageCtx, error?: ServiceProblem) {
  const open = await openCart(c, false);
  const page = (
    <CartPage
      {...pageContext(c)}
      cart={open?.cart ?? null}
      flash={takeFlash(c)}
      error={error ? cartProblemText(pageI18nOf(c).t, error) : undefined}
    />
  );
  return sendPage(c, page, error ? status(error) : 200, PRIVATE);
}

async function changeLine(c: PageCtx, skuIdParam: string, change: 'update' | 'remove') {
  const skuId = SkuId.safeParse(skuIdParam);
  if (!skuId.success) return notFound(c, pageI18nOf(c).t('shop.cart.not_in'), PRIVATE);
  const quantity = change === 'update' ? Quantity.safeParse((await form(c)).quantity) : null;
  if (quantity && !quantity.success) {
    return showCart(c, new ServiceProblem(400, 'validation_failed', 'quantity'));
  }
  try {
    const open = await openCart(c, false);
    if (!open) return seeOther(c, '/cart');
    await changeCart(
      c,
      open,
      `/items/${skuId.data}`,
      quantity ? { method: 'PATCH', json: { quantity: quantity.data } } : { method: 'DELETE' },
    );
  } catch (err) {
    if (!isRefusal(err)) throw err;
    return showCart(c, err);
  }
  setFlash(c, change === 'update' ? 'updated' : 'removed');
  return seeOther(c, '/cart');
}

export const cartPages = new Hono<PagesEnv>()
  .get('/cart', (c) => showCart(c))
  .post('/cart/items', FORM_LIMIT, addToCart)
  .post('/cart/items/:skuId', FORM_LIMIT, (c) => changeLine(c, c.req.param('skuId'), 'update'))
  .post('/cart/items/:skuId/remove', FORM_LIMIT, (c) => changeLine(c, c.req.param('skuId'), 'remove'));
