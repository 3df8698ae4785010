import { type MessageKey, translator } from '@linked-all/i18n';
import { eq } from 'drizzle-orm';
import { orm } from '../db/orm';
import { notifications } from '../db/schema';
import { RESENDS_PER_HOUR, type ResendOutcome, resendCollectionCode } from './code-resend';
import { contactByPhone } from './contacts';
import { messageLocale } from './locale';
import { notifyPhone } from './notify';
import { findOwnOrder, lastOrders, type OrderView, vendorOrdersSince } from './projection';
import { type AcceptOutcome, acceptBySms } from './vendor-accept';

// USSD and SMS self-service for people with airtime but no data. The caller is the phone number
// the network gives (never anything typed), and every answer reads only that caller's orders.

type Translate = ReturnType<typeof translator>;

function statusWord(t: Translate, status: string): string {
  switch (status) {
    case 'confirmed':
    case 'picked_up':
    case 'in_transit':
    case 'at_station':
    case 'out_for_delivery':
    case 'delivered':
    case 'failed':
    case 'returned':
    case 'cancelled':
      return t(`notify.status.${status}`);
    default:
      return status;
  }
}

// Parcels in these states may still be waiting for their collection code.
const OPEN_STATUSES = new Set(['confirmed', 'picked_up', 'in_transit', 'at_station', 'out_for_delivery']);

const ACCEPT_REPLIES: Record<AcceptOutcome, MessageKey> = {
  accepted: 'notify.sms.accept_done',
  already_accepted: 'notify.sms.accept_already',
  not_yours: 'notify.sms.accept_not_yours',
  unknown_code: 'notify.sms.accept_unknown',
  not_allowed: 'notify.sms.accept_not_allowed',
  refused: 'notify.sms.accept_refused',
};

const USSD_RESEND_REPLIES: Record<ResendOutcome, MessageKey> = {
  sent: 'notify.ussd.resend_sent',
  none: 'notify.ussd.resend_none',
  limited: 'notify.ussd.resend_limited',
};

function detail(t: Translate, o: OrderView): string {
  return t('notify.ussd.order_detail', {
    order: o.ref,
    status: statusWord(t, o.status),
    tracking: o.trackingCode ?? t('notify.tracking.pending'),
  });
}

/**
 * One step of an Africa's Talking USSD session: `text` is every choice so far joined by `*`.
 * Answers `CON …` (the menu goes on) or `END …` (the session closes). My last orders → one
 * order's status → (an open one) resend its collection code by SMS.
 */
export async function ussdStep(env: NotificationsEnv, phone: string, text: string, sessionId: string): Promise<string> {
  const caller = await contactByPhone(env, phone);
  const t = translator(messageLocale(caller?.language, phone));
  if (!caller) return `END ${t('notify.ussd.unknown_caller')}`;
  const choices = text === '' ? [] : text.split('*');
  if (choices.length === 0) return `CON ${t('notify.ussd.menu')}`;
  if (choices[0] === '2' && choices.length === 1) return `END ${t('notify.ussd.help')}`;
  if (choices[0] !== '1') return `END ${t('notify.ussd.invalid_choice')}`;
  const orders = await lastOrders(env.DB, caller.userId);
  if (choices.length === 1) {
    if (orders.length === 0) return `END ${t('notify.ussd.no_orders')}`;
    const lines = orders.map((o, i) => `${i + 1}. ${o.ref} ${statusWord(t, o.status)}`);
    return `CON ${t('notify.ussd.orders_title')}\n${lines.join('\n')}`;
  }
  const picked = /^[1-9]$/.test(choices[1] ?? '') ? orders[Number(choices[1]) - 1] : undefined;
  if (!picked || choices.length > 3) return `END ${t('notify.ussd.invalid_choice')}`;
  const open = OPEN_STATUSES.has(picked.status);
  if (choices.length === 2)
    return open ? `CON ${detail(t, picked)}\n${t('notify.ussd.resend_option')}` : `END ${detail(t, picked)}`;
  if (!open || choices[2] !== '1') return `END ${t('notify.ussd.invalid_choice')}`;
  const outcome = await resendCollectionCode(env, caller, picked, `ussd:${sessionId}`);
  return `END ${t(USSD_RESEND_REPLIES[outcome])}`;
}

/**
 * An SMS to our short code: `STATUS <tracking code or order ref>`, `RESEND <tracking code or order
 * ref>` (the collection code again), or (vendors) `ORDERS` and `ACCEPT <code>`. The answer goes back
 * by SMS through the normal (urgent) path, once per inbound message id.
 */
export async function answerInboundSms(
  env: NotificationsEnv,
  sms: { id: string; from: string; text: string },
  now = Date.now(),
): Promise<void> {
  const caller = await contactByPhone(env, sms.from);
  const [command = '', ...rest] = sms.text.trim().toUpperCase().split(/\s+/);
  const code = rest.join('');
  const reply = async (template: Parameters<Translate>[0], params: Record<string, string | number>) => {
    await notifyPhone(env, {
      sourceId: `sms-in:${sms.id}`,
      phone: sms.from,
      userId: caller?.userId ?? null,
      language: caller?.language ?? null,
      template,
      params,
    });
  };
  if (!caller) return reply('notify.ussd.unknown_caller', {});
  // A replayed callback is answered once and acts once: ACCEPT's reply differs on a second run
  // (already accepted), so the message id is checked before anything is done.
  const answered = await orm(env.DB)
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.sourceId, `sms-in:${sms.id}`))
    .limit(1)
    .get();
  if (answered) return;
  if (command === 'ACCEPT' && code) {
    const outcome = await acceptBySms(env, caller, code);
    return reply(ACCEPT_REPLIES[outcome], { order: code });
  }
  if (command === 'RESEND' && code) {
    const order = await findOwnOrder(env.DB, caller.userId, code);
    if (!order) return reply('notify.sms.status_unknown', { code });
    const outcome = await resendCollectionCode(env, caller, order, `sms-in:${sms.id}`, now);
    if (outcome === 'none') return reply('notify.sms.resend_none', { order: order.ref });
    if (outcome === 'limited') return reply('notify.sms.resend_limited', { order: order.ref, count: RESENDS_PER_HOUR });
    return;
  }
  if (command === 'STATUS' && code) {
    const order = await findOwnOrder(env.DB, caller.userId, code);
    if (!order) return reply('notify.sms.status_unknown', { code });
    const t = translator(messageLocale(caller.language, sms.from));
    return reply('notify.sms.status_reply', {
      order: order.ref,
      status: statusWord(t, order.status),
      tracking: order.trackingCode ?? t('notify.tracking.pending'),
    });
  }
  if (command === 'ORDERS' && caller.vendorId) {
    const startOfDay = now - (now % 86_400_000);
    const refs = await vendorOrdersSince(env.DB, caller.vendorId, startOfDay);
    const count = refs.length;
    const form = count === 0 ? 'zero' : count === 1 ? 'one' : 'other';
    return reply(`notify.sms.vendor_orders.${form}`, { count, list: refs.join(', ') });
  }
  return reply('notify.sms.help', {});
}
