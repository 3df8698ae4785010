import { RETURN_REASONS, type ReturnStatus } from '@linked-all/orders/contract';
import { useI18n } from '../components/i18n';
import { Layout, type PageContext } from '../components/layout';
import { returnStatusText } from './return-status-page';
import { optionText } from './words';

/** One line of the package as the form offers it: at most `left` units can still go back. */
export type ReturnableLine = { skuId: string; title: string; options: Record<string, string>; left: number };
export type EarlierReturn = { id: string; status: ReturnStatus; createdAt: string };
export type DropOffStation = { id: string; name: string; landmark: string; city: string };

/** What the shopper typed, sent back with the field errors so nothing is lost. */
export type ReturnTyped = {
  quantities: Record<string, string>;
  reason?: string;
  note?: string;
  method?: string;
  pickupStationId?: string;
};
/** Field → message in the shopper's words; `lines` is the item choice as a whole. */
export type ReturnFieldErrors = Partial<Record<'lines' | 'reason' | 'method' | 'pickupStationId' | 'note' | 'photo', string>> & {
  quantities?: Record<string, string>;
};

type Props = PageContext & {
  orderId: string;
  vendorOrderId: string;
  vendorName: string | null;
  windowEndsAt: string;
  lines: ReturnableLine[];
  /** False when the package went to a station: there is no door for a rider to collect from. */
  canCollect: boolean;
  stations: DropOffStation[];
  earlier: EarlierReturn[];
  /** The form's Idempotency-Key: a double submit asks once. */
  formKey: string;
  typed?: ReturnTyped;
  message?: string;
  errors?: ReturnFieldErrors;
};

const FieldError = ({ id, text }: { id: string; text?: string }) =>
  text ? (
    <p class="note err" id={id}>
      {text}
    </p>
  ) : null;

/** `/orders/:id/returns/new?vendorOrder=…`: which units, why, and how they go back; no script needed. */
export function ReturnRequestPage(props: Props) {
  const { t, date } = useI18n();
  const { orderId, vendorOrderId, lines, stations, typed, errors = {}, message, ...rest } = props;
  const { vendorName, windowEndsAt, canCollect, earlier, formKey, ...ctx } = rest;
  const method = typed?.method ?? (canCollect ? undefined : 'station');
  return (
    <Layout {...ctx} title={t('returns.new.title')} noindex>
      <h1>{t('returns.new.title')}</h1>
      {vendorName ? <p class="meta">{t('returns.new.from', { vendor: vendorName })}</p> : null}
      <p>{t('returns.new.window', { date: date(windowEndsAt) })}</p>
      {message ? (
        <p class="note err" role="alert">
          {message}
        </p>
      ) : null}
      <form class="stack" method="post" action={`/orders/${orderId}/returns`} enctype="multipart/form-data">
        <input type="hidden" name="vendorOrderId" value={vendorOrderId} />
        <input type="hidden" name="key" value={formKey} />
        <fieldset class="panel skus">
          <legend>{t('returns.new.items')}</legend>
          <FieldError id="e-lines" text={errors.lines} />
          {lines
            .filter((l) => l.left > 0)
            .map((l) => (
              <label>
                <span>
                  {l.title}
                  {Object.keys(l.options).length ? <span class="meta">{optionText(l.options)}</span> : null}
                </span>
                <span class="meta">{t('returns.new.quantity', { max: l.left })}</span>
                <input
                  type="number"
                  name={`qty_${l.skuId}`}
                  min={0}
                  max={l.left}
                  inputmode="numeric"
                  value={typed?.quantities[l.skuId] ?? '0'}
                  aria-invalid={errors.quantities?.[l.skuId] ? 'true' : undefined}
                />
                <FieldError id={`e-${l.skuId}`} text={errors.quantities?.[l.skuId]} />
              </label>
            ))}
        </fieldset>
        <label>
          {t('returns.new.reason')}
          <select name="reason" required aria-invalid={errors.reason ? 'true' : undefined}>
            <option value="">{t('returns.new.choose')}</option>
            {RETURN_REASONS.map((r) => (
              <option value={r} selected={typed?.reason === r}>
                {t(`returns.reason.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <FieldError id="e-reason" text={errors.reason} />
        <label>
          {t('returns.new.note')}
          <textarea name="note" maxlength={1000} rows={3}>
            {typed?.note ?? ''}
          </textarea>
        </label>
        <FieldError id="e-note" text={errors.note} />
        <label>
          {t('returns.new.photo')}
          <input type="file" name="photo" accept="image/*" capture aria-invalid={errors.photo ? 'true' : undefined} />
        </label>
        <FieldError id="e-photo" text={errors.photo} />
        <fieldset class="panel skus pick">
          <legend>{t('returns.new.method')}</legend>
          <FieldError id="e-method" text={errors.method} />
          {canCollect ? (
            <label class="sku">
              <input type="radio" name="method" value="home" checked={method === 'home'} required />
              <span>{t('returns.method.home')}</span>
            </label>
          ) : null}
          {stations.length ? (
            <>
              <label class="sku">
                <input type="radio" name="method" value="station" checked={method === 'station'} required />
                <span>{t('returns.method.station')}</span>
              </label>
              <label class="sub">
                {t('returns.new.station')}
                <select name="pickupStationId" aria-invalid={errors.pickupStationId ? 'true' : undefined}>
                  <option value="">{t('returns.new.choose')}</option>
                  {stations.map((s) => (
                    <option value={s.id} selected={typed?.pickupStationId === s.id}>
                      {`${s.name}, ${s.landmark}, ${s.city}`}
                    </option>
                  ))}
                </select>
              </label>
              <FieldError id="e-station" text={errors.pickupStationId} />
            </>
          ) : null}
        </fieldset>
        <button type="submit">{t('returns.new.submit')}</button>
      </form>
      <EarlierReturns orderId={orderId} earlier={earlier} />
      <p>
        <a href={`/orders/${orderId}`}>{t('returns.back')}</a>
      </p>
    </Layout>
  );
}

function EarlierReturns({ orderId, earlier }: { orderId: string; earlier: EarlierReturn[] }) {
  const { t, date } = useI18n();
  if (!earlier.length) return null;
  return (
    <section class="panel">
      <h2>{t('returns.new.earlier')}</h2>
      <ul>
        {earlier.map((r) => (
          <li>
            <a href={`/orders/${orderId}/returns/${r.id}`}>
              {date(r.createdAt)} · {returnStatusText(t, r.status)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

type ClosedProps = PageContext & {
  orderId: string;
  why: { kind: 'window'; windowEndsAt: string } | { kind: 'all_returned' } | { kind: 'not_delivered' };
  earlier: EarlierReturn[];
};

/** The package cannot go back (window closed, everything already in a return, not delivered): says why, plainly. */
export function ReturnClosedPage({ orderId, why, earlier, ...ctx }: ClosedProps) {
  const { t, date } = useI18n();
  return (
    <Layout {...ctx} title={t('returns.closed.title')} noindex>
      <h1>{t('returns.closed.title')}</h1>
      <p class="note" data-why={why.kind}>
        {why.kind === 'window'
          ? t('returns.closed.window', { date: date(why.windowEndsAt) })
          : why.kind === 'all_returned'
            ? t('returns.closed.all_returned')
            : t('returns.closed.not_delivered')}
      </p>
      <EarlierReturns orderId={orderId} earlier={earlier} />
      <p>
        <a href={`/orders/${orderId}`}>{t('returns.back')}</a>
      </p>
    </Layout>
  );
}
