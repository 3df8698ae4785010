import type { MessageKey } from '@linked-all/i18n';
import {
  RETURN_CONDITIONS,
  RETURN_STATUSES,
  type ReturnCondition,
  type ReturnReason,
  type ReturnStatus,
} from '@linked-all/orders/contract';
import { day, money } from './format';
import { KeyField, type VendorContext, VendorLayout, wordsFor } from './layout';

// The vendor app's returns (issue 11, item 8): what shoppers send back, and the shop's three
// moves on it. Every form carries its Idempotency-Key (KeyField), so the offline outbox can
// replay it and a double tap acts once.

type Money = { amount: number; currency: string };
export type ShopReturn = {
  id: string;
  vendorOrderId: string;
  status: ReturnStatus;
  reason: ReturnReason;
  note: string;
  method: 'home' | 'station';
  lines: { skuId: string; title: string; quantity: number; unitPrice: Money }[];
  goods: Money;
  refunded: Money | null;
  refusalReason: string | null;
  /** The shopper's photos (keys served by /v1/images). */
  photos: string[];
  condition: ReturnCondition | null;
  conditionNote: string | null;
  restocked: boolean | null;
  createdAt: string;
};

const STATUS_WORDS: Record<ReturnStatus, MessageKey> = {
  requested: 'returns.status.requested',
  accepted: 'returns.status.accepted',
  refused: 'returns.status.refused_short',
  received: 'returns.status.received',
  refunded: 'returns.status.refunded_short',
};

type ListProps = VendorContext & { returns: ShopReturn[]; status?: ReturnStatus; nextCursor: string | null };

/** `/vendor/returns`: newest first, filtered by state with plain links. */
export function VendorReturnsPage({ returns, status, nextCursor, ...ctx }: ListProps) {
  const t = wordsFor(ctx);
  const href = (s?: string, cursor?: string) => {
    const q = new URLSearchParams();
    if (s) q.set('status', s);
    if (cursor) q.set('cursor', cursor);
    const text = q.toString();
    return `/vendor/returns${text ? `?${text}` : ''}`;
  };
  return (
    <VendorLayout {...ctx} title={t('returns.vendor.title')} nav>
      <h1>{t('returns.vendor.title')}</h1>
      <nav class="row" aria-label={t('returns.vendor.title')}>
        <a href={href()} aria-current={status ? undefined : 'page'}>
          {t('returns.vendor.all')}
        </a>
        {RETURN_STATUSES.map((s) => (
          <a href={href(s)} aria-current={s === status ? 'page' : undefined}>
            {t(STATUS_WORDS[s])}
          </a>
        ))}
      </nav>
      {returns.length ? (
        <ul class="list">
          {returns.map((r) => (
            <li class="row">
              <span>
                <a href={`/vendor/returns/${r.id}`}>{t('returns.vendor.detail', { date: day(ctx.locale, r.createdAt) })}</a>
                <br />
                <span class="meta">
                  {`${r.lines.map((l) => `${l.quantity} × ${l.title}`).join(', ')} · ${money(ctx.locale, r.goods.amount, r.goods.currency)}`}
                </span>
              </span>
              <span class="tag" data-status={r.status}>
                {t(STATUS_WORDS[r.status])}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('returns.vendor.empty')}</p>
      )}
      {nextCursor ? (
        <p>
          <a href={href(status, nextCursor)}>{t('returns.vendor.older')}</a>
        </p>
      ) : null}
    </VendorLayout>
  );
}

type DetailProps = VendorContext & {
  ret: ShopReturn;
  /** The drop-off station's name and place, for a return that comes through one. */
  station: string | null;
  /** The refusal reason as typed, when the form comes back with an error. */
  typedReason?: string;
};

/** `/vendor/returns/:id`: what comes back and why, how, the refund, and the next move. */
export function VendorReturnPage({ ret, station, typedReason, ...ctx }: DetailProps) {
  const t = wordsFor(ctx);
  const m = (v: Money) => money(ctx.locale, v.amount, v.currency);
  const action = (verb: string) => `/vendor/returns/${ret.id}/${verb}`;
  return (
    <VendorLayout {...ctx} title={t('returns.vendor.detail', { date: day(ctx.locale, ret.createdAt) })} nav>
      <h1>{t('returns.vendor.detail', { date: day(ctx.locale, ret.createdAt) })}</h1>
      <p>
        <span class="tag" data-status={ret.status}>
          {t(STATUS_WORDS[ret.status])}
        </span>{' '}
        <a class="meta" href={`/vendor/orders/${ret.vendorOrderId}`}>
          {ret.vendorOrderId}
        </a>
      </p>
      <section class="panel">
        <h2>{t('returns.vendor.items')}</h2>
        <ul class="list">
          {ret.lines.map((l) => (
            <li class="row">
              <span>{`${l.quantity} × ${l.title}`}</span>
              <span>{m(l.unitPrice)}</span>
            </li>
          ))}
        </ul>
        <p class="row">
          <b>{t('returns.vendor.reason')}</b>
          <span>{t(`returns.reason.${ret.reason}`)}</span>
        </p>
        {ret.note ? (
          <p>
            <b>{t('returns.vendor.note')}</b>: {ret.note}
          </p>
        ) : null}
        <p class="row">
          <b>{t('returns.vendor.way')}</b>
          <span>
            {ret.method === 'station' ? t('returns.vendor.station', { station: station ?? '' }) : t('returns.vendor.home')}
          </span>
        </p>
        <p class="row">
          <b>{t('returns.vendor.refund')}</b>
          <span data-refund>{ret.refunded ? m(ret.refunded) : t('returns.vendor.refund_none')}</span>
        </p>
        {ret.photos.length ? (
          <>
            <b>{t('returns.vendor.photos')}</b>
            <p class="row">
              {ret.photos.map((key, i) => (
                <a href={`/v1/images/${key}`}>
                  <img
                    src={`/v1/images/${key}?w=320`}
                    alt={`${t('returns.vendor.photos')} ${i + 1}`}
                    width={160}
                    height={160}
                    loading="lazy"
                    data-photo
                  />
                </a>
              ))}
            </p>
          </>
        ) : null}
        {ret.condition ? (
          <p class="row" data-condition={ret.condition}>
            <b>{t('returns.condition.label')}</b>
            <span>
              {t(`returns.condition.${ret.condition}`)} ·{' '}
              {t(ret.restocked ? 'returns.condition.restocked' : 'returns.condition.not_restocked')}
            </span>
          </p>
        ) : null}
        {ret.conditionNote ? <p class="meta">{ret.conditionNote}</p> : null}
        {ret.refusalReason ? <p class="note">{t('returns.status.refused', { reason: ret.refusalReason })}</p> : null}
      </section>
      {ret.status === 'requested' ? (
        <section class="panel stack">
          <form method="post" action={action('accept')}>
            <KeyField />
            <button type="submit">{t('returns.vendor.accept')}</button>
          </form>
          <form class="stack" method="post" action={action('refuse')}>
            <KeyField />
            <label>
              {t('returns.vendor.refuse_reason')}
              <textarea name="reason" required minlength={3} maxlength={300} rows={2}>
                {typedReason ?? ''}
              </textarea>
            </label>
            <button type="submit" class="alt">
              {t('returns.vendor.refuse')}
            </button>
          </form>
        </section>
      ) : null}
      {ret.status === 'accepted' || ret.status === 'received' ? (
        // `received` again finishes what a failure left (the refund), so it stays offered until refunded.
        <form class="panel stack" method="post" action={action('received')}>
          <KeyField />
          <fieldset>
            <legend>{t('returns.condition.label')}</legend>
            {RETURN_CONDITIONS.map((c) => (
              <label>
                <input type="radio" name="condition" value={c} required checked={ret.condition === c} />{' '}
                {t(`returns.condition.${c}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('returns.condition.note')}
            <textarea name="note" maxlength={500} rows={2}>
              {ret.conditionNote ?? ''}
            </textarea>
          </label>
          <p class="meta">{t('returns.vendor.received_note')}</p>
          <button type="submit">{t('returns.vendor.received')}</button>
        </form>
      ) : null}
      <p>
        <a href="/vendor/returns">{t('returns.vendor.title')}</a>
      </p>
    </VendorLayout>
  );
}
