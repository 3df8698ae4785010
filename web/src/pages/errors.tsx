import { Layout, type PageContext } from '../components/layout';

/** The 404 page: what went missing, and ways on (search is in the header). */
export function NotFoundPage({ message, ...ctx }: PageContext & { message?: string }) {
  return (
    <Layout {...ctx} title="Page not found" noindex>
      <h1>We could not find that page</h1>
      <p>{message ?? 'The link may be old, or the product is no longer sold.'}</p>
      <p>
        Try searching above, or <a href="/">go to the home page</a>.
      </p>
    </Layout>
  );
}

/**
 * The error page: never a stack trace, only an apology and the request id the
 * shopper can quote to support (it is in the logs with the full error).
 */
export function ErrorPage({ requestId, status = 500, ...ctx }: PageContext & { requestId?: string; status?: number }) {
  const unavailable = status === 503;
  return (
    <Layout {...ctx} title={unavailable ? 'Temporarily unavailable' : 'Something went wrong'} noindex>
      <h1>{unavailable ? 'We are busy right now' : 'Sorry, something went wrong'}</h1>
      <p>Please try again in a moment.</p>
      <p>
        <a class="btn" href={ctx.path}>
          Try again
        </a>{' '}
        <a href="/">Home page</a>
      </p>
      {requestId ? <p class="meta">Reference: {requestId}</p> : null}
    </Layout>
  );
}

/** The 400 page, for a request no page can make sense of. */
export function BadRequestPage({ message, ...ctx }: PageContext & { message: string }) {
  return (
    <Layout {...ctx} title="Check the address" noindex>
      <h1>We could not understand that address</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}
