import { useI18n } from '../components/i18n';

/**
 * The account page's "Enable notifications" control, hidden until the push script (PUSH_JS) finds
 * service workers, Push and notifications in this browser; without JavaScript it never shows.
 */
export function PushControl() {
  const { t } = useI18n();
  return (
    <>
      <section
        id="push"
        class="panel"
        hidden
        data-enable={t('shop.account.push_enable')}
        data-disable={t('notify.push.disable')}
        data-on={t('notify.push.on')}
        data-denied={t('notify.push.denied')}
        data-failed={t('notify.push.failed')}
      >
        <p class="meta" role="status" />
        <button type="button">{t('shop.account.push_enable')}</button>
      </section>
      <script src="/push.js" defer />
    </>
  );
}
