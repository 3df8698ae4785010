import { LOCALES, type Locale } from '@linked-all/i18n';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { TAP_SCRIPT } from '../save-data';
import { CSS } from '../styles';
import { countryName } from './countries';
import { useI18n } from './i18n';

export type PageContext = {
  /** Data-saver mode: no image loads until tapped. */
  saveData: boolean;
  /** Path and query of this page, where the data-saver toggle brings the shopper back. */
  path: string;
  /** This browser holds a session: the header links to the account instead of sign in / register. */
  signedIn?: boolean;
  /** The shop country (cookie or Cloudflare's), shown in the header with the way to change it. */
  country?: string;
};

type Props = PageContext & {
  title: string;
  description?: string;
  /** Pages that should not be indexed (search results, errors). */
  noindex?: boolean;
  /** The search box's current text. */
  q?: string;
  /** Reload the page after this many seconds (an order still settling), without any script. */
  refreshSeconds?: number;
  children?: Child;
};

/** This page in another language: the same path with `lang` set (the gateway remembers the choice). */
export function languageHref(path: string, locale: Locale): string {
  const url = new URL(path, 'https://same-origin.invalid');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}

/** The HTML shell of every shopper page: inline critical CSS, header with search, footer with data saver and language. */
export function Layout({ title, description, noindex, q, refreshSeconds, saveData, path, signedIn, country, children }: Props) {
  const { t, locale, dir } = useI18n();
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={locale} dir={dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{`${title} · ${t('common.brand')}`}</title>
          {description ? <meta name="description" content={description} /> : null}
          {noindex ? <meta name="robots" content="noindex" /> : null}
          {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
          <meta name="theme-color" content="#0b5d3b" />
          {/* An empty icon: spares the browser a request for /favicon.ico. */}
          <link rel="icon" href="data:," />
          <style dangerouslySetInnerHTML={{ __html: CSS }} />
        </head>
        <body>
          <a class="skip" href="#main">
            {t('shop.layout.skip')}
          </a>
          <header class="top">
            <a class="logo" href="/">
              {t('common.brand')}
            </a>
            {/* The same links for everyone, so anonymous pages stay shareable in caches. */}
            <nav class="nav" aria-label={t('shop.nav.label')}>
              <a href="/country">{country ? countryName(t, country) : t('shop.country.title')}</a>
              <a href="/cart">{t('shop.nav.cart')}</a>
              <a href="/orders">{t('shop.nav.orders')}</a>
              {signedIn ? (
                <a href="/account">{t('shop.nav.account')}</a>
              ) : (
                <>
                  <a href="/signin">{t('shop.nav.signin')}</a>
                  <a href="/register">{t('shop.nav.register')}</a>
                </>
              )}
            </nav>
            <search>
              <form class="search" method="get" action="/search">
                <label class="sr" for="q">
                  {t('shop.search.label')}
                </label>
                <input id="q" type="search" name="q" value={q} maxlength={100} placeholder={t('shop.search.placeholder')} />
                <button type="submit">{t('shop.search.button')}</button>
              </form>
            </search>
          </header>
          <main id="main">{children}</main>
          <footer>
            <form method="post" action="/settings/save-data">
              <input type="hidden" name="saveData" value={saveData ? '0' : '1'} />
              <input type="hidden" name="back" value={path} />
              <button type="submit">{t(saveData ? 'shop.footer.saver_on_button' : 'shop.footer.saver_off_button')}</button>
            </form>
            <p>{t(saveData ? 'shop.footer.saver_on_note' : 'shop.footer.saver_off_note')}</p>
            <nav class="langs" aria-label={t('shop.footer.language')}>
              {LOCALES.map((l) =>
                l === locale ? (
                  <span aria-current="true">{t(`common.language.${l}`)}</span>
                ) : (
                  <a href={languageHref(path, l)} lang={l} hreflang={l}>
                    {t(`common.language.${l}`)}
                  </a>
                ),
              )}
            </nav>
            <p>© {t('common.brand')}</p>
          </footer>
          {saveData ? <script dangerouslySetInnerHTML={{ __html: TAP_SCRIPT }} /> : null}
        </body>
      </html>
    </>
  );
}

/** A friendly notice at the top of a page (a filter we ignored, an empty search). */
export function Notice({ children }: { children?: Child }) {
  return (
    <p class="note" role="status">
      {children}
    </p>
  );
}
