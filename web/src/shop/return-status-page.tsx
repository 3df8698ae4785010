import type { MessageKey, Translate } from '@linked-all/i18n';
import type { ReturnCondition, ReturnStatus } from '@linked-all/orders/contract';
import { useI18n } from '../components/i18n';
import { Layout, Notice, type PageContext } from '../components/layout';
import type { Money } from './types';

const STATUS_WORDS: Record<ReturnStatus, MessageKey> = {
  requested: 'returns.status.requested',
  accepted: 'returns.status.accepted',
  refused: 'returns.status.refused_short',
  received: 'returns.status.received',
  refunded: 'returns.status.refunded_short',
};

/** A return's status in the shopper's words. */
export const returnStatusText = (t: Translate, status: ReturnStatus) => t(STATUS_WORDS[status]);

export type ShopperReturn = {
  id: string;
  orderId: string;
  status: ReturnStatus;
  method: 'home' | 'station';
  lines: { skuId: string; title: string; quantity: number; unitPrice: Money }[];
  goods: Money;
  refunded: Money | null;
  refusalReason: string | null;
  /** The state the shop found the items in when they came back (null before). */
  condition: ReturnCondition | null;
  conditionNote: string | null;
  createdAt: string;
};

/** The return's parcel as logistics tracks it (booked once the shop accepted). */
export type ReturnParcel = {
  status: string;
  timeline: { status: string; at: string }[];
  /** The code the station agent asks for at the drop-off (null once the parcel's trip is over). */
  collectionCode: string | null;
};

type Props = PageContext & {
  ret: ShopperReturn;
  station: { name: string; landmark: string; city: string } | null;
  parcel: ReturnParcel | null;
  /** Just asked: say that the shop has the request. */
  sent?: boolean;
};

type Step = { key: MessageKey; done: boolean; at?: string; detail?: string; refused?: boolean };

const AFTER_ACCEPT: readonly ReturnStatus[] = ['accepted', 'received', 'refunded'];

function stepsOf(t: Translate, ret: ShopperReturn, parcel: ReturnParcel | null, money: (m: Money) => string): Step[] {
  const steps: Step[] = [{ key: 'returns.step.requested', done: true, at: ret.createdAt }];
  if (ret.status === 'refused') {
    return [
      ...steps,
      {
        key: 'returns.step.refused',
        done: true,
        refused: true,
        detail: t('returns.status.refused', { reason: ret.refusalReason ?? '' }),
      },
    ];
  }
  const received = ret.status === 'received' || ret.status === 'refunded';
  const taken = parcel?.timeline.find((s) => s.status === 'picked_up');
  return [
    ...steps,
    { key: 'returns.step.accepted', done: AFTER_ACCEPT.includes(ret.status) },
    {
      key: ret.method === 'station' ? 'returns.step.dropped' : 'returns.step.collected',
      done: Boolean(taken) || received,
      at: taken?.at,
    },
    {
      key: 'returns.step.received',
      done: received,
      detail: ret.condition
        ? [t('returns.status.condition', { condition: t(`returns.condition.${ret.condition}`) }), ret.conditionNote]
            .filter(Boolean)
            .join(' · ')
        : undefined,
    },
    {
      key: 'returns.step.refunded',
      done: ret.status === 'refunded',
      detail: ret.refunded ? t('returns.status.refunded', { amount: money(ret.refunded) }) : undefined,
    },
  ];
}

/** `/orders/:id/returns/:returnId`: each step of the return, the drop-off code while it is needed, the money. */
export function ReturnStatusPage({ ret, station, parcel, sent, ...ctx }: Props) {
  const { t, date, money } = useI18n();
  const m = (value: Money) => money(value.amount, value.currency);
  const waitingForDropOff = ret.method === 'station' && ret.status === 'accepted' && parcel?.status === 'awaiting_pickup';
  return (
    <Layout {...ctx} title={t('returns.status.title')} noindex>
      <h1>{t('returns.status.title')}</h1>
      {sent ? <Notice>{t('returns.status.sent')}</Notice> : null}
      <section class="panel">
        <p class="sum">
          <span>{date(ret.createdAt)}</span>
          <span data-status={ret.status}>{returnStatusText(t, ret.status)}</span>
        </p>
        <ul class="lines">
          {ret.lines.map((l) => (
            <li class="row">
              <span>
                {l.quantity} × {l.title}
              </span>
              <span class="amt">{m(l.unitPrice)}</span>
            </li>
          ))}
        </ul>
        <p class="meta">{t('returns.status.goods', { amount: m(ret.goods) })}</p>
        {ret.status !== 'refused' ? (
          <p>
            {ret.method === 'station' && station
              ? t('returns.status.drop_at', { station: `${station.name}, ${station.landmark}, ${station.city}` })
              : ret.method === 'home'
                ? t('returns.status.collect_at')
                : null}
          </p>
        ) : null}
        {waitingForDropOff && parcel?.collectionCode ? (
          <p class="note">
            {t('returns.status.code')} <strong data-code>{parcel.collectionCode}</strong>
          </p>
        ) : null}
      </section>
      <ol class="panel" aria-label={t('returns.status.steps')}>
        {stepsOf(t, ret, parcel, m).map((s) => (
          <li
            data-step={s.key.slice('returns.step.'.length)}
            data-done={s.done ? '1' : '0'}
            class={s.refused ? 'out' : undefined}
          >
            {s.done ? <strong>{t(s.key)}</strong> : <span class="meta">{t(s.key)}</span>}
            {s.at ? ` · ${date(s.at)}` : ''}
            {s.detail && s.done ? <p data-detail>{s.detail}</p> : null}
          </li>
        ))}
      </ol>
      {ret.status === 'refunded' ? (
        <p>
          <a href="/wallet">{t('returns.status.wallet')}</a>
        </p>
      ) : null}
      <p>
        <a href={`/orders/${ret.orderId}`}>{t('returns.back')}</a>
      </p>
    </Layout>
  );
}
