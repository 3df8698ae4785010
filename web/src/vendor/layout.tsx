import { direction, LOCALES, type Locale, type Translate, translator } from '@linked-all/i18n';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { VENDOR_CSS } from './css';

/** What every vendor screen knows besides its data: the language and where it is. */
export type VendorContext = {
  locale: Locale;
  /** Path and query of this screen (the language form brings the vendor back here). */
  path: string;
  /** A one-time message after a form post (already in words). */
  flash?: string;
  /** A refusal to show above the screen (already in words). */
  error?: string;
};

type Props = VendorContext & {
  title: string;
  /** Signed-in screens show the app's navigation. */
  nav?: boolean;
  /** Reload after this many seconds without any script (an application under review). */
  refreshSeconds?: number;
  children?: Child;
};

export const wordsFor = (ctx: VendorContext): Translate => translator(ctx.locale);

/** The shell of every vendor screen: inline CSS, manifest, the app script (deferred, optional). */
export function VendorLayout({ title, nav, refreshSeconds, locale, path, flash, error, children }: Props) {
  const t = translator(locale);
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={locale} dir={direction(locale)}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{`${title} · ${t('vendor.app.name')}`}</title>
          <meta name="robots" content="noindex" />
          {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
          <meta name="theme-color" content="#0b5d3b" />
          <link rel="manifest" href="/vendor/manifest.webmanifest" />
          <link rel="icon" href="/vendor/icon.svg" type="image/svg+xml" />
          <link rel="apple-touch-icon" href="/vendor/icon-192.png" />
          <style dangerouslySetInnerHTML={{ __html: VENDOR_CSS }} />
          <script src="/vendor/app.js" defer />
        </head>
        <body>
          <a class="skip" href="#main">
            {t('vendor.nav.skip')}
          </a>
          <header class="top">
            <b>{t('vendor.app.short')}</b>
            {nav ? (
              <>
                <a href="/vendor">{t('vendor.nav.today')}</a>
                <a href="/vendor/orders">{t('vendor.nav.orders')}</a>
                <a href="/vendor/returns">{t('returns.vendor.nav')}</a>
                <a href="/vendor/products">{t('vendor.nav.products')}</a>
                <a href="/vendor/money">{t('vendor.nav.money')}</a>
                <a href="/vendor/settings">{t('vendor.nav.settings')}</a>
                <form method="post" action="/vendor/signout">
                  <button type="submit">{t('vendor.nav.signout')}</button>
                </form>
              </>
            ) : null}
          </header>
          <main id="main">
            {/* Filled by the app script from the offline outbox (waiting, synced, conflicts). */}
            <div
              id="outbox"
              role="status"
              hidden
              data-one={t('vendor.outbox.waiting.one')}
              data-other={t('vendor.outbox.waiting.other')}
              data-synced={t('vendor.outbox.synced')}
              data-queued={t('vendor.outbox.queued')}
              data-conflict={t('vendor.outbox.conflict')}
              data-dismiss={t('vendor.outbox.dismiss')}
            />
            {flash ? (
              <p class="note" role="status">
                {flash}
              </p>
            ) : null}
            {error ? (
              <p class="note err" role="alert">
                {error}
              </p>
            ) : null}
            {children}
          </main>
          <footer>
            <form method="post" action="/vendor/language">
              <input type="hidden" name="back" value={path} />
              <label>
                {t('vendor.language')}{' '}
                <select name="lang">
                  {LOCALES.map((l) => (
                    <option value={l} selected={l === locale}>
                      {t(`common.language.${l}`)}
                    </option>
                  ))}
                </select>
              </label>{' '}
              <button type="submit" class="alt">
                {t('vendor.language.change')}
              </button>
            </form>
          </footer>
        </body>
      </html>
    </>
  );
}

/** A hidden Idempotency-Key made when the form is drawn: a double submit (or an offline replay) acts once. */
export function KeyField() {
  return <input type="hidden" name="key" value={crypto.randomUUID()} />;
}
