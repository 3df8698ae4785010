import { newId } from '@linked-all/http';
import { desc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { SmsProviderName } from '../../contract/enums';
import { orm } from '../db/orm';
import { emailSandbox, smsSandbox, smsSandboxOutages } from '../db/schema';
import { pushSandbox } from '../push/sandbox';
import type { ProviderHttp } from './provider';
import { smsSegments } from './segments';

// The SMS providers of development and test: their HTTP APIs answer in-process (no network) with
// the real request and response formats, and what they "sent" lives in D1 (sms_sandbox), readable
// at GET /v1/dev/notifications/sms. A row in sms_sandbox_outages makes a provider answer 503.

/** Per-segment prices the sandbox quotes, by country calling code (roughly the providers' list prices). */
const AT_PRICES: [prefix: string, currency: string, perSegment: number][] = [
  ['+254', 'KES', 0.8],
  ['+255', 'TZS', 22],
  ['+256', 'UGX', 30],
  ['+234', 'NGN', 4],
  ['+233', 'GHS', 0.12],
];

async function down(db: D1Database, provider: SmsProviderName): Promise<boolean> {
  const outage = await orm(db)
    .select({ provider: smsSandboxOutages.provider })
    .from(smsSandboxOutages)
    .where(eq(smsSandboxOutages.provider, provider))
    .get();
  return outage !== undefined;
}

async function record(db: D1Database, provider: SmsProviderName, phone: string, sender: string | null, body: string) {
  const now = Date.now();
  const id = provider === 'twilio' ? `SM${crypto.randomUUID().replaceAll('-', '')}` : `ATXid_${newId('sms', now).slice(4)}`;
  await orm(db).insert(smsSandbox).values({ id, provider, phone, sender, body, createdAt: now });
  return id;
}

/** The e-mail API's request body (Resend's: `to` is a list). */
const Mail = z.object({ from: z.string(), to: z.array(z.string()).min(1), subject: z.string(), text: z.string() });

const sandbox = new Hono<{ Bindings: NotificationsEnv }>()
  .post('/version1/messaging', async (c) => {
    if (c.req.header('apiKey') !== c.env.SMS_AT_API_KEY) return c.text('The supplied authentication is invalid', 401);
    if (await down(c.env.DB, 'africastalking')) return c.text('Service Unavailable', 503);
    const form = await c.req.parseBody();
    const message = typeof form.message === 'string' ? form.message : '';
    const to = typeof form.to === 'string' ? form.to.split(',').map((n) => n.trim()) : [];
    const sender = typeof form.from === 'string' ? form.from : null;
    const segments = smsSegments(message).segments;
    let total = 0;
    let currency = 'USD';
    const recipients = [];
    for (const number of to) {
      if (!/^\+[1-9][0-9]{7,14}$/.test(number)) {
        recipients.push({ statusCode: 403, number, status: 'InvalidPhoneNumber', cost: '0', messageId: 'None' });
        continue;
      }
      const [, cur, price] = AT_PRICES.find(([prefix]) => number.startsWith(prefix)) ?? ['', 'USD', 0.05];
      currency = cur;
      total += price * segments;
      const messageId = await record(c.env.DB, 'africastalking', number, sender, message);
      recipients.push({ statusCode: 101, number, status: 'Success', cost: `${cur} ${(price * segments).toFixed(4)}`, messageId });
    }
    const sent = recipients.filter((r) => r.statusCode === 101).length;
    return c.json({
      SMSMessageData: {
        Message: `Sent to ${sent}/${to.length} Total Cost: ${currency} ${total.toFixed(4)}`,
        Recipients: recipients,
      },
    });
  })
  .post('/2010-04-01/Accounts/:sid/Messages.json', async (c) => {
    const expected = `Basic ${btoa(`${c.env.SMS_TWILIO_ACCOUNT_SID}:${c.env.SMS_TWILIO_AUTH_TOKEN}`)}`;
    if (c.req.param('sid') !== c.env.SMS_TWILIO_ACCOUNT_SID || c.req.header('authorization') !== expected)
      return c.json({ code: 20003, message: 'Authenticate', status: 401 }, 401);
    if (await down(c.env.DB, 'twilio')) return c.json({ code: 20500, message: 'Internal Server Error', status: 500 }, 500);
    const form = await c.req.parseBody();
    const to = typeof form.To === 'string' ? form.To : '';
    const body = typeof form.Body === 'string' ? form.Body : '';
    if (!/^\+[1-9][0-9]{7,14}$/.test(to))
      return c.json({ code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 }, 400);
    const sid = await record(c.env.DB, 'twilio', to, typeof form.From === 'string' ? form.From : null, body);
    return c.json(
      {
        sid,
        status: 'queued',
        to,
        from: form.From,
        body,
        num_segments: String(smsSegments(body).segments),
        price: null,
        price_unit: 'USD',
        error_code: null,
        error_message: null,
      },
      201,
    );
  })
  .post('/emails', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${c.env.EMAIL_API_KEY}`)
      return c.json({ statusCode: 401, name: 'validation_error', message: 'API key is invalid' }, 401);
    const mail = Mail.safeParse(await c.req.json().catch(() => null));
    if (!mail.success)
      return c.json({ statusCode: 422, name: 'validation_error', message: 'Missing `to`, `subject` or `text`' }, 422);
    const id = crypto.randomUUID();
    await orm(c.env.DB)
      .insert(emailSandbox)
      .values({ id, recipient: mail.data.to[0], subject: mail.data.subject, body: mail.data.text, createdAt: Date.now() });
    return c.json({ id });
  })
  .route('/', pushSandbox);

/** A `fetch` for the providers' base URLs that the sandbox answers. */
export function sandboxHttp(env: NotificationsEnv): ProviderHttp {
  return async (url, init) => sandbox.fetch(new Request(url, init), env);
}

export type SandboxSms = { id: string; provider: string; phone: string; body: string; sentAt: string };

/** What the sandbox providers "sent" to a phone, newest first. */
export async function readSandboxSms(db: D1Database, phone: string, limit = 20): Promise<SandboxSms[]> {
  const rows = await orm(db)
    .select({
      id: smsSandbox.id,
      provider: smsSandbox.provider,
      phone: smsSandbox.phone,
      body: smsSandbox.body,
      createdAt: smsSandbox.createdAt,
    })
    .from(smsSandbox)
    .where(eq(smsSandbox.phone, phone))
    .orderBy(desc(smsSandbox.createdAt), desc(smsSandbox.id))
    .limit(limit);
  return rows.map(({ createdAt, ...r }) => ({ ...r, sentAt: new Date(createdAt).toISOString() }));
}
