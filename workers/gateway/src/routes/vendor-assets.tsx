import {
  ICON_192_PNG_BASE64,
  ICON_512_PNG_BASE64,
  ICON_SVG,
  OfflinePage,
  VENDOR_APP_JS,
  VENDOR_SW_JS,
  vendorManifest,
} from '@linked-all/web';
import { Hono } from 'hono';
import type { PagesEnv } from '../page-response';
import { localeOf, vendorContext } from './vendor-kit';

// The vendor app's files, served by the gateway (the CSP allows scripts from 'self' only, no
// inline ones). They change with a deploy, not per user: short public caching, revalidated by ETag.
const REVALIDATE = 'public, max-age=300, stale-while-revalidate=86400';

const bytes = (base64: string) => Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
const ICON_192 = bytes(ICON_192_PNG_BASE64);
const ICON_512 = bytes(ICON_512_PNG_BASE64);

export const vendorAssetRoutes = new Hono<PagesEnv>()
  .get('/app.js', (c) =>
    c.body(VENDOR_APP_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': REVALIDATE }),
  )
  .get('/sw.js', (c) =>
    c.body(VENDOR_SW_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      // The worker lives at /vendor/sw.js but controls /vendor itself (the start URL), one level up.
      'service-worker-allowed': '/vendor',
      // Browsers check for a new worker at most daily anyway; no-cache makes a deploy reach phones at once.
      'cache-control': 'no-cache',
    }),
  )
  .get('/manifest.webmanifest', (c) => {
    c.header('content-type', 'application/manifest+json; charset=utf-8');
    c.header('cache-control', 'public, max-age=300');
    c.header('vary', 'Accept-Language, Cookie');
    return c.body(JSON.stringify(vendorManifest(localeOf(c))));
  })
  .get('/icon.svg', (c) => c.body(ICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': REVALIDATE }))
  .get('/icon-192.png', (c) => c.body(ICON_192, 200, { 'content-type': 'image/png', 'cache-control': REVALIDATE }))
  .get('/icon-512.png', (c) => c.body(ICON_512, 200, { 'content-type': 'image/png', 'cache-control': REVALIDATE }))
  // The shell's fallback screen, cached by the service worker when it installs.
  .get('/offline', (c) => {
    c.header('cache-control', 'no-cache');
    return c.html(<OfflinePage {...vendorContext(c)} />);
  });
