import { useI18n } from '../components/i18n';
import { Layout, type PageContext } from '../components/layout';

/** The 404 page: what went missing, and ways on (search is in the header). */
export function NotFoundPage({ message, ...ctx }: PageContext & { message?: string }) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.error.not_found.title')} noindex>
      <h1>{t('shop.error.not_found.heading')}</h1>
      <p>{message ?? t('shop.error.not_found.default')}</p>
      <p>{t('shop.error.not_found.hint')}</p>
      <p>
        <a class="btn" href="/">
          {t('shop.error.go_home')}
        </a>
      </p>
    </Layout>
  );
}

/**
 * The error page: never a stack trace, only an apology and the request id the
 * shopper can quote to support (it is in the logs with the full error).
 */
export function ErrorPage({ requestId, status = 500, ...ctx }: PageContext & { requestId?: string; status?: number }) {
  const { t } = useI18n();
  const unavailable = status === 503;
  return (
    <Layout {...ctx} title={t(unavailable ? 'shop.error.unavailable.title' : 'shop.error.failed.title')} noindex>
      <h1>{t(unavailable ? 'shop.error.unavailable.heading' : 'shop.error.failed.heading')}</h1>
      <p>{t('shop.error.retry_later')}</p>
      <p>
        <a class="btn" href={ctx.path}>
          {t('shop.error.try_again')}
        </a>{' '}
        <a href="/">{t('shop.error.home')}</a>
      </p>
      {requestId ? <p class="meta">{t('shop.error.reference', { id: requestId })}</p> : null}
    </Layout>
  );
}

/** The 400 page, for a request no page can make sense of. */
export function BadRequestPage({ message, ...ctx }: PageContext & { message: string }) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.error.bad_request.title')} noindex>
      <h1>{t('shop.error.bad_request.heading')}</h1>
      <p>{message}</p>
      <p>
        <a href="/">{t('shop.error.go_home')}</a>
      </p>
    </Layout>
  );
}
