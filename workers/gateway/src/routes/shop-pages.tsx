import { BadRequestPage } from '@linked-all/web';
import { Hono } from 'hono';
import { type PagesEnv, pageContext, pageI18nOf, sendPage } from '../page-response';
import { accountPages } from './shop/account-pages';
import { cartPages } from './shop/cart-pages';
import { checkoutPages } from './shop/checkout-pages';
import { PRIVATE } from './shop/forms';
import { orderPages } from './shop/order-pages';
import { passwordPages } from './shop/password-pages';
import { returnPages } from './shop/returns-pages';
import { signInPages } from './shop/signin-pages';
import { walletPages } from './shop/wallet-pages';

// The pages with the shopper's own data, one file per flow under ./shop.
export const shopPageRoutes = new Hono<PagesEnv>()
  .use(async (c, next) => {
    // Form posts from another site are refused outright (the cookies are SameSite=Lax as well).
    if (c.req.method === 'POST' && c.req.header('sec-fetch-site') === 'cross-site') {
      const message = pageI18nOf(c).t('shop.error.form_cross_site');
      return sendPage(c, <BadRequestPage {...pageContext(c)} message={message} />, 403, PRIVATE);
    }
    return next();
  })
  .route('/', cartPages)
  .route('/', signInPages)
  .route('/', passwordPages)
  .route('/', accountPages)
  .route('/', checkoutPages)
  .route('/', orderPages)
  .route('/', returnPages)
  .route('/', walletPages);
