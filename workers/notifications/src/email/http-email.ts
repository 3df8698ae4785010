import { z } from 'zod';
import type { ProviderHttp } from '../sms/provider';

// An HTTP e-mail API in Resend's format: POST /emails, Bearer key, JSON { from, to, subject, text }
// (plain text first; no HTML yet), answer { id }.
const Sent = z.object({ id: z.string() });

export type EmailResult = { ok: true; providerMessageId: string } | { ok: false; error: string };

export async function sendEmail(
  config: { baseUrl: string; apiKey: string; from: string },
  http: ProviderHttp,
  mail: { to: string; subject: string; text: string },
): Promise<EmailResult> {
  try {
    const res = await http(`${config.baseUrl}/emails`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: config.from, to: [mail.to], subject: mail.subject, text: mail.text }),
    });
    if (!res.ok) return { ok: false, error: `e-mail API answered ${res.status}` };
    const parsed = Sent.safeParse(await res.json().catch(() => null));
    return parsed.success
      ? { ok: true, providerMessageId: parsed.data.id }
      : { ok: false, error: 'e-mail API answered an unexpected body' };
  } catch (err) {
    return { ok: false, error: `e-mail API unreachable: ${err instanceof Error ? err.message : String(err)}` };
  }
}
