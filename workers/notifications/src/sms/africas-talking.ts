import { z } from 'zod';
import { micros, type ProviderHttp, type SmsProvider } from './provider';

// Africa's Talking's bulk SMS API: form-encoded POST /version1/messaging, `apiKey` header,
// `to` a comma-separated list; JSON answer with one entry per recipient.
// https://developers.africastalking.com/docs/sms/sending/bulk
export const AtSendResponse = z.object({
  SMSMessageData: z.object({
    Message: z.string(),
    Recipients: z.array(
      z.object({
        statusCode: z.number(),
        number: z.string(),
        status: z.string(),
        cost: z.string(),
        messageId: z.string(),
      }),
    ),
  }),
});

/** statusCode 100 Processed, 101 Sent, 102 Queued: accepted; everything else failed for that number. */
const ACCEPTED = new Set([100, 101, 102]);

type AtConfig = { baseUrl: string; username: string; apiKey: string; senderId: string };

export function africasTalking(config: AtConfig, http: ProviderHttp): SmsProvider {
  return {
    name: 'africastalking',
    async send(to, body) {
      const form = new URLSearchParams({ username: config.username, to, message: body, from: config.senderId, bulkSMSMode: '1' });
      let res: Response;
      try {
        res = await http(`${config.baseUrl}/version1/messaging`, {
          method: 'POST',
          headers: { apiKey: config.apiKey, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        });
      } catch (err) {
        return { ok: false, error: `africastalking unreachable: ${err instanceof Error ? err.message : String(err)}` };
      }
      if (!res.ok) return { ok: false, error: `africastalking answered ${res.status}` };
      const parsed = AtSendResponse.safeParse(await res.json().catch(() => null));
      if (!parsed.success) return { ok: false, error: 'africastalking answered an unexpected body' };
      const recipient = parsed.data.SMSMessageData.Recipients.find((r) => r.number === to);
      if (!recipient) return { ok: false, error: `africastalking: ${parsed.data.SMSMessageData.Message}` };
      if (!ACCEPTED.has(recipient.statusCode)) return { ok: false, error: `africastalking: ${recipient.status}` };
      const [currency, amount] = recipient.cost.split(' ');
      return {
        ok: true,
        providerMessageId: recipient.messageId,
        costMicros: amount ? micros(amount) : null,
        costCurrency: amount ? (currency ?? null) : null,
      };
    },
  };
}
