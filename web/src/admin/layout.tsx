import { direction, type Locale, translator } from '@linked-all/i18n';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

/** What every console screen knows besides its data. */
export type AdminContext = {
  locale: Locale;
  /** Path of this screen: its navigation entry is marked current. */
  path: string;
  /** A one-time message after a form post (already in words). */
  flash?: string;
  /** A refusal to show above the screen (already in words). */
  error?: string;
};

// Operators work on laptops and phones alike: one small inline sheet, no download, no script needed.
const ADMIN_CSS =
  'body{margin:0;font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;background:#f6f7f5}' +
  '.top{display:flex;flex-wrap:wrap;gap:.2rem .9rem;align-items:center;padding:.5rem 1rem;background:#132a20;color:#fff}' +
  '.top a{color:#d8f0e2}.top a[aria-current]{color:#fff;font-weight:600;text-decoration:none}' +
  'main{padding:1rem;max-width:72rem;margin:auto}table{border-collapse:collapse;width:100%;background:#fff}' +
  'th,td{padding:.35rem .5rem;border-bottom:1px solid #ddd;text-align:start;vertical-align:top}' +
  '.note{padding:.5rem .8rem;background:#e7f5ec;border-inline-start:4px solid #0b5d3b}.err{background:#fdeceb;border-color:#b3261e}' +
  'form.inline{display:inline}input,select,textarea,button{font:inherit}button{cursor:pointer}' +
  '.skip{position:absolute;left:-999px}.skip:focus{left:1rem}';

const NAV = [
  ['/admin', 'admin.nav.dashboard'],
  ['/admin/vendors', 'admin.nav.vendors'],
  ['/admin/products', 'admin.nav.products'],
  ['/admin/orders', 'admin.nav.orders'],
  ['/admin/money', 'admin.nav.money'],
  ['/admin/dead-letters', 'admin.nav.dead_letters'],
  ['/admin/users', 'admin.nav.users'],
  ['/admin/audit', 'admin.nav.audit'],
  ['/admin/alerts', 'admin.nav.alerts'],
  ['/admin/messages', 'admin.nav.messages'],
  ['/admin/synonyms', 'admin.nav.synonyms'],
] as const;

const isCurrent = (href: string, path: string) =>
  href === '/admin' ? path === '/admin' : path === href || path.startsWith(`${href}/`);

/** The shell of every console screen: navigation, flash and error, the screen's content. */
export function AdminLayout({ title, locale, path, flash, error, children }: AdminContext & { title: string; children?: Child }) {
  const t = translator(locale);
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={locale} dir={direction(locale)}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{`${title} · ${t('admin.app.name')}`}</title>
          <style dangerouslySetInnerHTML={{ __html: ADMIN_CSS }} />
        </head>
        <body>
          <a class="skip" href="#main">
            {t('admin.nav.skip')}
          </a>
          <nav class="top">
            <b>{t('admin.app.name')}</b>
            {NAV.map(([href, key]) => (
              <a href={href} aria-current={isCurrent(href, path) ? 'page' : undefined}>
                {t(key)}
              </a>
            ))}
          </nav>
          <main id="main">
            <h1>{title}</h1>
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
        </body>
      </html>
    </>
  );
}
