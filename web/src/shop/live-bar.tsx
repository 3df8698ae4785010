import { useI18n } from '../components/i18n';

/**
 * The hidden "this order changed" bar and the deferred live script that shows it (LIVE_JS). With
 * `orderId` only that order's changes count (the order page); without, any of mine (the list).
 * The link is the page itself, so a tap reloads it with the new status.
 */
export function LiveBar({ orderId, path }: { orderId?: string; path: string }) {
  const { t } = useI18n();
  return (
    <>
      <p id="live" class="note" role="status" hidden data-order={orderId}>
        {t('notify.live.changed')} <a href={path}>{t('notify.live.refresh')}</a>
      </p>
      <script src="/live.js" defer />
    </>
  );
}
