import { idPattern } from '@linked-all/http';
import { LOCALES } from '@linked-all/i18n';
import { z } from 'zod';
import { CALLBACK_PROVIDERS, CHANNELS, MESSAGE_CLASSES, NOTIFICATION_STATUSES } from './enums';

export const NotificationId = z.string().regex(idPattern('ntf'), 'Expected a notification id like ntf_…');

export const InboxQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(50).default(20), cursor: z.string().max(400).optional() })
  .strict();

export const NotificationView = z.object({
  id: NotificationId,
  template: z.string(),
  class: z.enum(MESSAGE_CLASSES),
  body: z.string(),
  status: z.enum(NOTIFICATION_STATUSES),
  channels: z.array(z.enum(CHANNELS)),
  createdAt: z.iso.datetime(),
});
export type NotificationView = z.infer<typeof NotificationView>;
export const InboxPage = z.object({ items: z.array(NotificationView), nextCursor: z.string().nullable() });

const MinuteOfDay = z.number().int().min(0).max(1439);

export const PreferencesBody = z
  .object({
    sms: z.boolean(),
    email: z.boolean(),
    push: z.boolean(),
    marketing: z.boolean(),
    /** Local minutes after midnight, or null for none (both or neither). */
    quietHours: z.object({ start: MinuteOfDay, end: MinuteOfDay }).strict().nullable(),
    /** Minutes east of UTC of the user's clock (Nairobi 180). */
    utcOffsetMinutes: z.number().int().min(-720).max(840),
  })
  .strict();
export type Preferences = z.infer<typeof PreferencesBody>;
export const PreferencesView = PreferencesBody;

export const PushSubscriptionBody = z
  .object({
    endpoint: z.url({ protocol: /^https$/ }).max(2000),
    keys: z.object({ p256dh: z.string().min(20).max(200), auth: z.string().min(8).max(100) }).strict(),
  })
  .strict();
export const PushSubscriptionView = z.object({ id: z.string(), endpoint: z.string(), createdAt: z.iso.datetime() });
/** Our VAPID public key (RFC 8292), unpadded base64url of the uncompressed P-256 point. */
export const PushKeyView = z.object({ publicKey: z.string().regex(/^[A-Za-z0-9_-]{87}$/) });
export const PushUnsubscribeBody = z.object({ endpoint: z.url().max(2000) }).strict();

export const ProviderParams = z.object({ provider: z.enum(CALLBACK_PROVIDERS) });
/** Africa's Talking signs nothing: the callback URL registered with it carries this token. */
export const CallbackQuery = z.object({ token: z.string().min(1).max(200) });

const E164 = z.string().regex(/^\+[1-9][0-9]{7,14}$/, 'Expected an E.164 phone number like +254700000001');

/** Africa's Talking USSD callback (form-encoded). `text` holds the choices so far, joined by `*`. */
export const UssdCallback = z.object({
  sessionId: z.string().min(1).max(100),
  serviceCode: z.string().min(1).max(40),
  phoneNumber: E164,
  text: z.string().max(200).default(''),
  networkCode: z.string().max(20).optional(),
});

/** Africa's Talking incoming SMS callback (form-encoded). */
export const InboundSms = z.object({
  from: E164,
  to: z.string().min(1).max(20),
  text: z.string().max(1000),
  id: z.string().min(1).max(100),
  date: z.string().max(40).optional(),
  linkId: z.string().max(100).optional(),
});

/** Africa's Talking delivery report (form-encoded). */
export const DeliveryReport = z.object({
  id: z.string().min(1).max(100),
  status: z.enum(['Sent', 'Submitted', 'Buffered', 'Rejected', 'Success', 'Failed', 'AbsentSubscriber', 'Expired']),
  phoneNumber: E164,
  networkCode: z.string().max(20).optional(),
  failureReason: z.string().max(100).optional(),
  retryCount: z.string().max(5).optional(),
});

export const SandboxSmsQuery = z.object({ phone: E164 });
export const SandboxSmsView = z.object({
  items: z.array(
    z.object({ id: z.string(), provider: z.string(), phone: z.string(), body: z.string(), sentAt: z.iso.datetime() }),
  ),
});

const OneTimeCode = z.string().regex(/^[0-9]{4,8}$/);
const Language = z.enum(LOCALES);
const ShopName = z.string().min(1).max(100);

export const OtpRequest = z.object({ phone: E164, code: OneTimeCode, language: Language });
export type OtpRequest = z.infer<typeof OtpRequest>;

/**
 * The other security messages identity sends on the same priority path as the sign-in code.
 * `language` is null when the phone has no account yet (an invitation): the phone's country picks it.
 */
export const SecuritySmsRequest = z.discriminatedUnion('kind', [
  /** A code that makes the phone a shop's payout phone. */
  z.object({
    kind: z.literal('payout_phone_code'),
    phone: E164,
    language: Language.nullable(),
    code: OneTimeCode,
    shop: ShopName,
  }),
  /** An invitation to work for a shop (accepted by signing in with the number). */
  z.object({ kind: z.literal('staff_invitation'), phone: E164, language: Language.nullable(), shop: ShopName }),
]);
export type SecuritySmsRequest = z.infer<typeof SecuritySmsRequest>;

/** Sandbox only: a stand-in browser's push subscription, as `PushManager.subscribe()` gives it. */
export const SandboxPushBrowserView = z.object({
  endpoint: z.string(),
  keys: z.object({ p256dh: z.string(), auth: z.string() }),
});
export const SandboxPushQuery = z.object({ endpoint: z.url().max(2000) });
/** Sandbox only: what a stand-in browser received, decrypted as the browser would. */
export const SandboxPushView = z.object({
  items: z.array(z.object({ urgency: z.string(), vapidSubject: z.string(), message: z.unknown(), receivedAt: z.iso.datetime() })),
});

/** The console's message report: a range of UTC days, both included (at most a year). */
export const MessageReportQuery = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'Expected a day on or after from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { path: ['to'], message: 'At most a year' });
export type MessageReportQuery = z.infer<typeof MessageReportQuery>;

/** One (day, channel, country) cell: messages sent and failed, SMS segments, cost in millionths of `currency`. */
export const MessageReportRow = z.object({
  day: z.iso.date(),
  channel: z.enum(CHANNELS),
  country: z.string(),
  sent: z.number().int(),
  failed: z.number().int(),
  segments: z.number().int(),
  costMicros: z.number().int(),
});
export const MessageReport = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  currency: z.string(),
  rows: z.array(MessageReportRow),
});
export type MessageReport = z.infer<typeof MessageReport>;
