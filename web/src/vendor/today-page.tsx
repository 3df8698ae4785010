import { money } from './format';
import { type VendorContext, VendorLayout, wordsFor } from './layout';
import { OrderRow } from './orders-page';
import type { LowStock, ShopOrder, Statement } from './types';

type Props = VendorContext & {
  shopName: string;
  /** Orders to accept and to pack; null when the staff role has no orders permission (not shown). */
  toAccept: ShopOrder[] | null;
  toPack: ShopOrder[] | null;
  /** null without the catalog permission. */
  lowStock: LowStock[] | null;
  /** This ISO week's statement, null when payments could not answer or the role has no finance permission. */
  week: Statement | null;
  /** Whether the role sees money at all (finance): otherwise the earnings section is left out. */
  showEarnings?: boolean;
};

/** `/vendor`: what needs doing today, and how the week is going. */
export function TodayPage({ shopName, toAccept, toPack, lowStock, week, showEarnings = true, ...ctx }: Props) {
  const t = wordsFor(ctx);
  const nothing = <p class="meta">{t('vendor.today.nothing')}</p>;
  return (
    <VendorLayout {...ctx} title={t('vendor.today.title')} nav>
      <h1>{shopName}</h1>
      {toAccept ? (
        <>
          <h2>{t('vendor.today.new')}</h2>
          {/* The app script adds orders confirmed while the screen is open (the shop's live socket). */}
          <ul class="list" id="new-orders" data-live={t('vendor.live.new')}>
            {toAccept.map((o) => (
              <OrderRow order={o} ctx={ctx} />
            ))}
          </ul>
          {toAccept.length ? null : (
            <p class="meta" data-none>
              {t('vendor.today.nothing')}
            </p>
          )}
        </>
      ) : null}
      {toPack ? (
        <>
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
        </>
      ) : null}
      {lowStock ? <h2>{t('vendor.today.low')}</h2> : null}
      {!lowStock ? null : lowStock.length ? (
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
      {showEarnings ? <h2>{t('vendor.today.earnings')}</h2> : null}
      {!showEarnings
        ? null
        : week?.currencies.length
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
