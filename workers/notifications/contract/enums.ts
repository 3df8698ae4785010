/** SMS providers, in the order a message tries them (the second is the fallback). */
export const SMS_PROVIDERS = ['africastalking', 'twilio'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** Channels, cheapest first: the cascade tries them in this order. */
export const CHANNELS = ['live', 'push', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * How much a message matters: `urgent` (OTP, collection codes) ignores quiet hours; `marketing`
 * waits for quiet hours to end and needs the user's opt-in; `transactional` waits for quiet hours.
 */
export const MESSAGE_CLASSES = ['urgent', 'transactional', 'marketing'] as const;
export type MessageClass = (typeof MESSAGE_CLASSES)[number];

export const NOTIFICATION_STATUSES = ['pending', 'held', 'sent', 'failed', 'skipped'] as const;

/** Callback providers (USSD, inbound SMS, delivery reports). */
export const CALLBACK_PROVIDERS = ['africastalking'] as const;
