import type { Translate } from '@linked-all/i18n';
import type { Child } from 'hono/jsx';

/**
 * A console form: posts with its own Idempotency-Key (drawn with the page), so a double submit is
 * one action; `reason` adds the required why of refunds, suspensions, hides and locks.
 */
export function ActionForm({
  action,
  label,
  t,
  reason,
  children,
}: {
  action: string;
  label: string;
  t: Translate;
  reason?: boolean;
  children?: Child;
}) {
  return (
    <form method="post" action={action} class="inline">
      <input type="hidden" name="key" value={crypto.randomUUID()} />
      {children}
      {reason ? (
        <label>
          {t('admin.form.reason')} <input name="reason" required minLength={3} maxLength={500} size={24} />
        </label>
      ) : null}{' '}
      <button type="submit">{label}</button>
    </form>
  );
}

/** A moment as the operator reads it: date and time in UTC, the same for the whole team. */
export function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
