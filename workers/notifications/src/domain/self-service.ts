import { translator } from '@linked-all/i18n';
import { contactByPhone } from './contacts';
import { messageLocale } from './locale';
import { notifyPhone } from './notify';
import { findOwnOrder, lastOrders, type OrderView, vendorOrdersSince } from './projection';

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

function detail(t: Translate, o: OrderView): string {
  return t('notify.ussd.order_detail', {
    order: o.ref,
    status: statusWord(t, o.status),
    tracking: o.trackingCode ?? t('notify.tracking.pending'),
  });
}

/**
 * One step of an Africa's Talking USSD session: `text` is every choice so far joined by `*`.
 * Answers `CON …` (the menu goes on) or `END …` (the session closes).
 */
export async function ussdStep(env: NotificationsEnv, phone: string, text: string): Promise<string> {
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
  const picked = choices.length === 2 && /^[1-9]$/.test(choices[1] ?? '') ? orders[Number(choices[1]) - 1] : undefined;
  return picked ? `END ${detail(t, picked)}` : `END ${t('notify.ussd.invalid_choice')}`;
}

/**
 * An SMS to our short code: `STATUS <tracking code or order ref>`, or (vendors) `ORDERS`. The
 * answer goes back by SMS through the normal (urgent) path, once per inbound message id.
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
