import { z } from 'zod';
import { micros, type ProviderHttp, type SmsProvider } from './provider';

// The fallback provider, Twilio's Messages API: form-encoded POST
// /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic auth (AccountSid:AuthToken);
// 201 with the message resource (`sid`, `status`, `price` null until priced).
export const TwilioMessage = z.object({
  sid: z.string(),
  status: z.string(),
  to: z.string(),
  num_segments: z.string(),
  price: z.string().nullable(),
  price_unit: z.string().nullable(),
  error_code: z.number().nullable(),
  error_message: z.string().nullable(),
});

type TwilioConfig = { baseUrl: string; accountSid: string; authToken: string; from: string };

export function twilio(config: TwilioConfig, http: ProviderHttp): SmsProvider {
  return {
    name: 'twilio',
    async send(to, body) {
      let res: Response;
      try {
        res = await http(`${config.baseUrl}/2010-04-01/Accounts/${config.accountSid}/Messages.json`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ To: to, From: config.from, Body: body }).toString(),
        });
      } catch (err) {
        return { ok: false, error: `twilio unreachable: ${err instanceof Error ? err.message : String(err)}` };
      }
      if (res.status !== 201) return { ok: false, error: `twilio answered ${res.status}` };
      const parsed = TwilioMessage.safeParse(await res.json().catch(() => null));
      if (!parsed.success) return { ok: false, error: 'twilio answered an unexpected body' };
      const m = parsed.data;
      if (m.error_code !== null || m.status === 'failed') return { ok: false, error: `twilio: ${m.error_message ?? m.status}` };
      return {
        ok: true,
        providerMessageId: m.sid,
        costMicros: m.price ? micros(m.price) : null,
        costCurrency: m.price ? m.price_unit : null,
      };
    },
  };
}
