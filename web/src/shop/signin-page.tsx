import { Layout, Notice, type PageContext } from '../components/layout';

type Props = PageContext & {
  /** Where to go once signed in (a local path). */
  next: string;
  /** What the shopper typed, kept when the form comes back. */
  identifier?: string;
  error?: string;
  flash?: string;
};

/** `/signin`: e-mail or phone and password, as a plain form. */
export function SignInPage({ next, identifier, error, flash, ...ctx }: Props) {
  return (
    <Layout {...ctx} title="Sign in" noindex>
      <h1>Sign in</h1>
      {flash ? <Notice>{flash}</Notice> : null}
      {error ? (
        <p class="note err" role="alert">
          {error}
        </p>
      ) : null}
      <form class="panel stack" method="post" action="/signin">
        <input type="hidden" name="next" value={next} />
        <label>
          E-mail or phone number
          <input
            name="identifier"
            value={identifier}
            autocomplete="username"
            required
            maxlength={254}
            placeholder="you@example.com or +254712345678"
          />
        </label>
        <label>
          Password
          <input type="password" name="password" autocomplete="current-password" required maxlength={256} />
        </label>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}
