import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';

type Props = PageContext & {
  /** The phone the code went to, in E.164. */
  phone: string;
  next: string;
  error?: string;
  flash?: string;
};

/** `/signin/code`: the 6-digit code from the SMS (sign-in by code, and the phone check after registering). */
export function CodePage({ phone, next, error, flash, ...ctx }: Props) {
  const { t } = useI18n();
  return (
    <Layout {...ctx} title={t('shop.code.title')} noindex>
      <h1>{t('shop.code.title')}</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      <p>{t('shop.code.sent', { phone })}</p>
      <form class="panel stack" method="post" action="/signin/code/verify">
        <input type="hidden" name="phone" value={phone} />
        <input type="hidden" name="next" value={next} />
        <label>
          {t('shop.code.label')}
          <input
            name="code"
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]{6}"
            required
            minlength={6}
            maxlength={6}
          />
        </label>
        <button type="submit">{t('shop.code.button')}</button>
      </form>
      <form method="post" action="/signin/code">
        <input type="hidden" name="phone" value={phone} />
        <input type="hidden" name="next" value={next} />
        <button type="submit" class="link">
          {t('shop.code.again')}
        </button>
      </form>
    </Layout>
  );
}
