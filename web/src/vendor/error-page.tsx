import { type VendorContext, VendorLayout, wordsFor } from './layout';

/** A refusal or failure as a screen of its own (the message is already in words). */
export function VendorErrorPage({ message, nav, ...ctx }: VendorContext & { message: string; nav?: boolean }) {
  const t = wordsFor(ctx);
  return (
    <VendorLayout {...ctx} title={t('vendor.error.title')} nav={nav}>
      <h1>{t('vendor.error.title')}</h1>
      <p class="note err" role="alert">
        {message}
      </p>
      <p>
        <a href="/vendor">{t('vendor.nav.today')}</a>
      </p>
    </VendorLayout>
  );
}

/** What the service worker shows for a screen it never saw while online. */
export function OfflinePage(ctx: VendorContext) {
  const t = wordsFor(ctx);
  return (
    <VendorLayout {...ctx} title={t('vendor.offline.title')} nav>
      <h1>{t('vendor.offline.title')}</h1>
      <p>{t('vendor.offline.body')}</p>
    </VendorLayout>
  );
}
