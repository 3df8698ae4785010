import type { ProductDetail } from '../types';
import { useI18n } from './i18n';

const stars = (rating: number) => '★'.repeat(rating) + '☆'.repeat(5 - rating);

/**
 * The product's rating and its three most helpful reviews (verified purchases only), with the
 * shop's answer under each. Plain text: reviews are escaped by JSX like every other input.
 */
export function Reviews({ product }: { product: ProductDetail }) {
  const { t, number, date, plural } = useI18n();
  const { average, count } = product.rating;
  return (
    <section class="panel" aria-labelledby="reviews">
      <h2 id="reviews">{t('shop.reviews.title')}</h2>
      {average === null ? (
        <p class="meta">{t('shop.reviews.none')}</p>
      ) : (
        <p>
          <span aria-hidden="true">{stars(Math.round(average))} </span>
          {t('shop.reviews.average', { rating: number(average) })} · {plural('shop.reviews.count', count)}
        </p>
      )}
      {product.topReviews.map((review) => (
        <article class="review">
          <p>
            <span role="img" aria-label={t('shop.reviews.stars', { rating: number(review.rating) })}>
              {stars(review.rating)}
            </span>{' '}
            {review.title ? <strong>{review.title}</strong> : null}
          </p>
          <p class="desc">{review.body}</p>
          <p class="meta">
            {t('shop.reviews.verified')} · {date(review.createdAt)}
            {review.helpfulCount > 0 ? ` · ${plural('shop.reviews.helpful', review.helpfulCount)}` : ''}
          </p>
          {review.reply ? (
            <p class="reply">
              <strong>{t('shop.reviews.reply', { vendor: product.vendor.name })}</strong> {review.reply.body}
            </p>
          ) : null}
        </article>
      ))}
    </section>
  );
}
