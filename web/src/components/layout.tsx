import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { TAP_SCRIPT } from '../save-data';
import { CSS } from '../styles';

export type PageContext = {
  /** Data-saver mode: no image loads until tapped. */
  saveData: boolean;
  /** Path and query of this page, where the data-saver toggle brings the shopper back. */
  path: string;
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

/** The HTML shell of every shopper page: inline critical CSS, header with search, footer with data saver. */
export function Layout({ title, description, noindex, q, refreshSeconds, saveData, path, children }: Props) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>{`${title} · Linked All`}</title>
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
            Skip to content
          </a>
          <header class="top">
            <a class="logo" href="/">
              Linked All
            </a>
            {/* The same links for everyone, so anonymous pages stay shareable in caches. */}
            <nav class="nav">
              <a href="/cart">Cart</a>
              <a href="/orders">My orders</a>
            </nav>
            <search>
              <form class="search" method="get" action="/search">
                <label class="sr" for="q">
                  Search products
                </label>
                <input id="q" type="search" name="q" value={q} maxlength={100} placeholder="Phones, fabric, shoes…" />
                <button type="submit">Search</button>
              </form>
            </search>
          </header>
          <main id="main">{children}</main>
          <footer>
            <form method="post" action="/settings/save-data">
              <input type="hidden" name="saveData" value={saveData ? '0' : '1'} />
              <input type="hidden" name="back" value={path} />
              <button type="submit">{saveData ? 'Data saver is on: show images' : 'Turn on data saver'}</button>
            </form>
            <p>{saveData ? 'Images load only when you tap them.' : 'Data saver hides images until you tap them.'}</p>
            <p>© Linked All</p>
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
