import { gzipSync } from 'node:zlib';
import { LOCALES } from '@linked-all/i18n';
import { describe, expect, it } from 'vitest';
import { pageI18n } from './components/i18n';
import { CategoryPage } from './pages/category';
import { HomePage } from './pages/home';
import { ProductPage } from './pages/product';
import { renderHtml } from './render';
import { AccountPage } from './shop/account-page';
import { CartPage } from './shop/cart-page';
import { CheckoutPage } from './shop/checkout-page';
import { CodePage } from './shop/code-page';
import { cart, cartLine, order, paymentOptions } from './shop/fixtures';
import { OrderPage, OrdersPage } from './shop/order-page';
import { RegisterPage } from './shop/register-page';
import { SignInPage } from './shop/signin-page';
import { categoryTree, price, productDetail, productList, summaries } from './test-fixtures';

const BUDGET = 14 * 1024;
const gzipSize = (html: string) => gzipSync(html, { level: 6 }).length;
const ctx = { saveData: false, path: '/c/phones-tablets' };
const tree = categoryTree();

describe('pages in the shopper’s language', () => {
  it('asks for the phone in the chosen country’s own format, in Arabic right to left', async () => {
    const html = await renderHtml(<RegisterPage {...ctx} country="EG" next="/" />, pageI18n('ar'));
    expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(html).toContain('<option value="EG" selected="">مصر (+20)</option>');
    expect(html).toContain('placeholder="0101 234 5678"');
    expect(html).toContain('<a href="/signin">تسجيل الدخول</a>');
  });

  it('links the account instead of sign in / register once signed in', async () => {
    const html = await renderHtml(<CodePage {...ctx} signedIn phone="+254712345678" next="/" />);
    expect(html).toContain('<a href="/account">My account</a>');
    expect(html).not.toContain('<a href="/register">');
  });

  it('writes French words, French money and the French lang attribute', async () => {
    const html = await renderHtml(
      <CartPage {...ctx} cart={cart([cartLine(0, {}, 'XOF'), cartLine(1, {}, 'XOF')])} />,
      pageI18n('fr'),
    );
    expect(html).toMatch(/^<!doctype html><html lang="fr" dir="ltr">/);
    expect(html).toContain('<h1>Votre panier</h1>');
    expect(html).toContain('Rechercher des produits');
    expect(html).not.toContain('Your cart');
    // Intl in French: a narrow no-break space groups thousands.
    expect(html).toMatch(/Sous-total<\/span><span class="amt">[\d\s]+F\sCFA</);
  });

  it('lays Arabic out right to left, with Arabic words', async () => {
    const html = await renderHtml(<HomePage {...ctx} path="/" categories={tree} newest={summaries(4)} />, pageI18n('ar'));
    expect(html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(html).toContain('تسوّق حسب الفئة');
  });

  it('offers every language in the footer, linking this page with ?lang=', async () => {
    const html = await renderHtml(<HomePage {...ctx} path="/search?q=tv" categories={tree} newest={[]} />, pageI18n('sw'));
    expect(html).toContain('<span aria-current="true">Kiswahili</span>');
    expect(html).toContain('<a href="/search?q=tv&amp;lang=fr" lang="fr" hreflang="fr">Français</a>');
    expect(html).toContain('<a href="/search?q=tv&amp;lang=ar" lang="ar" hreflang="ar">العربية</a>');
  });

  it('writes dates and statuses of an order in the language', async () => {
    const placed = order({ createdAt: '2026-11-23T09:30:00.000Z', status: 'confirmed' });
    const html = await renderHtml(<OrderPage {...ctx} order={placed} />, pageI18n('pt'));
    expect(html).toContain('Confirmada');
    expect(html).toMatch(/23\/11\/2026|23 de nov\. de 2026/);
    const list = await renderHtml(
      <OrdersPage
        {...ctx}
        orders={[
          {
            id: placed.id,
            status: 'cancelled',
            total: price(250_000, 'KES'),
            items: 3,
            createdAt: placed.createdAt,
            preview: [],
          },
        ]}
        nextCursor={null}
      />,
      pageI18n('fr'),
    );
    expect(list).toContain('23 nov. 2026 · 3 articles');
    expect(list).toContain('Annulée');
  });

  for (const locale of LOCALES) {
    it(`keeps the biggest pages within 14 KB gzip in ${locale}`, async () => {
      const i18n = pageI18n(locale);
      const pages = [
        <HomePage {...ctx} path="/" categories={tree} newest={summaries(24)} />,
        <CategoryPage
          {...ctx}
          category={{ slug: 'phones-tablets', name: 'Phones & Tablets' }}
          ancestors={[]}
          subcategories={tree[0].children}
          list={productList(24)}
          filters={{ category: 'phones-tablets' }}
        />,
        <ProductPage {...ctx} product={productDetail()} />,
        <CartPage {...ctx} cart={cart(Array.from({ length: 30 }, (_, i) => cartLine(i)))} />,
        <CheckoutPage
          {...ctx}
          cart={cart(Array.from({ length: 20 }, (_, i) => cartLine(i)))}
          addresses={[]}
          options={paymentOptions(100_000)}
          idempotencyKey="k"
        />,
        <OrderPage {...ctx} order={order()} />,
        <RegisterPage {...ctx} country="KE" next="/" error="x" />,
        <SignInPage {...ctx} next="/" country="CI" />,
        <CodePage {...ctx} phone="+254712345678" next="/" />,
        <AccountPage
          {...ctx}
          user={{ name: 'A', phone: '+254712345678', email: null }}
          addresses={Array.from({ length: 10 }, (_, i) => ({
            id: `adr_${i}aaaa`,
            label: null,
            landmark: 'Blue gate opposite the market',
            city: 'Nairobi',
            country: 'KE',
          }))}
          country="KE"
        />,
      ];
      for (const page of pages) {
        expect(gzipSize(await renderHtml(page, i18n))).toBeLessThanOrEqual(BUDGET);
      }
    });
  }
});
