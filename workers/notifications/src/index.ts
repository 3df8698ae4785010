import { backlog } from '@linked-all/events';
import { AdminEntrypoint } from '@linked-all/events/admin-entrypoint';
import { installFaultSwitch, openApiPaths } from '@linked-all/http';
import { observeBatch } from '@linked-all/metrics';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { NotificationsRpc, OtpAnswer } from '../contract/rpc';
import { MessageReportQuery, OtpRequest, SecuritySmsRequest } from '../contract/schemas';
import { createApp } from './app';
import { consumeDeadLetters, consumeNotifiedEvents } from './consumers/events';
import { orm } from './db/orm';
import { messageReport } from './domain/message-report';
import { releaseHeld } from './domain/notify';
import { type PriorityMessage, sendPriority } from './domain/priority-sms';
import { listAlerts, recordAlerts } from './operator-alerts';

export { LiveHub } from './live/live-hub';

const app = createApp();

/**
 * The notifications worker. HTTP (`fetch`) serves the inbox, preferences, push subscriptions and
 * the providers' callbacks (USSD, inbound SMS, delivery reports) behind the gateway; `queue`
 * consumes notification-events and shipment-events (and their dead letters); `scheduled` sends
 * what quiet hours held; `sendOtp` and `sendSecuritySms` are identity's priority path for codes and invitations.
 */
export default class NotificationsService extends AdminEntrypoint<NotificationsEnv>('notifications') implements NotificationsRpc {
  override fetch(request: Request) {
    return app.fetch(request, this.env, this.ctx);
  }

  override async queue(batch: MessageBatch<unknown>) {
    await observeBatch(this.env, 'notifications', batch);
    if (batch.queue.endsWith('-dlq')) return consumeDeadLetters(batch, this.env);
    return consumeNotifiedEvents(batch, this.env);
  }

  override async scheduled() {
    await releaseHeld(this.env);
  }

  /** A one-time code by SMS, now: no queue, no quiet hours (domain/priority-sms.ts). */
  sendOtp(input: OtpRequest): Promise<OtpAnswer> {
    return sendPriority(this.env, OtpRequest, input, ({ phone, language, code }) => ({
      phone,
      language,
      template: 'notify.sms.otp',
      params: { code },
    }));
  }

  /** A payout-phone code or a staff invitation, on the same priority path as `sendOtp`. */
  sendSecuritySms(input: SecuritySmsRequest): Promise<OtpAnswer> {
    return sendPriority(this.env, SecuritySmsRequest, input, (m): PriorityMessage => {
      if (m.kind === 'payout_phone_code')
        return {
          phone: m.phone,
          language: m.language,
          template: 'notify.sms.payout_phone_code',
          params: { code: m.code, shop: m.shop },
        };
      return { phone: m.phone, language: m.language, template: 'notify.sms.staff_invitation', params: { shop: m.shop } };
    });
  }

  /** The alert cron's verdicts: records and announces the changes of state only (operator-alerts.ts). */
  operatorAlerts(verdicts: { rule: string; firing: boolean | null; value: number; threshold: number }[]) {
    return recordAlerts(this.env, verdicts);
  }

  /** The console's alerts: firing first, then recent. */
  adminAlerts() {
    return listAlerts(this.env.DB);
  }

  /**
   * The console's message report: sent/failed, SMS segments and cost per day, channel and country.
   * Bad dates are an answer (an AppError does not cross RPC): the console shows them as a 400.
   */
  async adminMessageReport(input: z.input<typeof MessageReportQuery>) {
    const parsed = MessageReportQuery.safeParse(input);
    if (!parsed.success)
      return {
        ok: false as const,
        reason: 'validation_failed' as const,
        errors: parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
      };
    return { ok: true as const, report: await messageReport(this.env.DB, parsed.data) };
  }

  /** Liveness plus a real round trip to D1. */
  async health() {
    const started = Date.now();
    await orm(this.env.DB).get(sql`SELECT 1`);
    return { ...(await backlog(this.env.DB)), service: 'notifications' as const, ok: true, d1Ms: Date.now() - started };
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(NotificationsService, 'notifications');
