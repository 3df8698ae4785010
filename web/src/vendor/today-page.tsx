import { money } from './format';
import { type VendorContext, VendorLayout, wordsFor } from './layout';
import { OrderRow } from './orders-page';
import type { LowStock, ShopOrder, Statement } from './types';

type Props = VendorContext & {
  shopName: string;
  toAccept: ShopOrder[];
  toPack: ShopOrder[];
  lowStock: LowStock[];
  /** This ISO week's statement, null when payments could not answer. */
  week: Statement | null;
};

/** `/vendor`: what needs doing today, and how the week is going. */
export function TodayPage({ shopName, toAccept, toPack, lowStock, week, ...ctx }: Props) {
  const t = wordsFor(ctx);
  const nothing = <p class="meta">{t('vendor.today.nothing')}</p>;
  return (
    <VendorLayout {...ctx} title={t('vendor.today.title')} nav>
      <h1>{shopName}</h1>
      <h2>{t('vendor.today.new')}</h2>
      {toAccept.length ? (
        <ul class="list">
          {toAccept.map((o) => (
            <OrderRow order={o} ctx={ctx} />
          ))}
        </ul>
      ) : (
        nothing
      )}
      <h2>{t('vendor.today.pack')}</h2>
      {toPack.length ? (
        <ul class="list">
          {toPack.map((o) => (
            <OrderRow order={o} ctx={ctx} />
          ))}
        </ul>
      ) : (
        nothing
      )}
      <h2>{t('vendor.today.low')}</h2>
      {lowStock.length ? (
        <ul class="list">
          {lowStock.map((s) => (
            <li class="row">
              <a href={`/vendor/products/${s.productId}`}>{`${s.title} · ${s.code}`}</a>
              <span class={s.available ? 'tag' : 'tag err'}>{t('vendor.today.left', { count: s.available })}</span>
            </li>
          ))}
        </ul>
      ) : (
        nothing
      )}
      <h2>{t('vendor.today.earnings')}</h2>
      {week?.currencies.length
        ? week.currencies.map((c) => (
            <p class="panel">
              <span class="meta">{t('vendor.today.sales')}</span>
              <br />
              <span class="big">{money(ctx.locale, c.sales, c.currency)}</span>
              <br />
              <span class="meta">{`${t('vendor.money.gross')}: ${money(ctx.locale, c.grossSales, c.currency)}`}</span>
            </p>
          ))
        : nothing}
    </VendorLayout>
  );
}
