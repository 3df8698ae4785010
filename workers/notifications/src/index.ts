import { backlog } from '@linked-all/events';
import { AdminEntrypoint } from '@linked-all/events/admin-entrypoint';
import { AppError, installFaultSwitch, newId, openApiPaths } from '@linked-all/http';
import { observeBatch } from '@linked-all/metrics';
import type { NotificationsRpc, OtpAnswer } from '../contract/rpc';
import { OtpRequest } from '../contract/schemas';
import { createApp } from './app';
import { consumeDeadLetters, consumeNotifiedEvents } from './consumers/events';
import { notifyPhone, releaseHeld } from './domain/notify';

export { LiveHub } from './live/live-hub';

const app = createApp();

/**
 * The notifications worker. HTTP (`fetch`) serves the inbox, preferences, push subscriptions and
 * the providers' callbacks (USSD, inbound SMS, delivery reports) behind the gateway; `queue`
 * consumes notification-events and shipment-events (and their dead letters); `scheduled` sends
 * what quiet hours held; `sendOtp` is identity's priority path for one-time codes.
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

  /** A one-time code by SMS, now: no queue, no quiet hours. Refusals are answers (an AppError does not cross RPC). */
  async sendOtp(input: OtpRequest): Promise<OtpAnswer> {
    const parsed = OtpRequest.safeParse(input);
    if (!parsed.success)
      return {
        ok: false,
        reason: 'validation_failed',
        detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      };
    const { phone, code, language } = parsed.data;
    try {
      const id = await notifyPhone(this.env, {
        sourceId: newId('otp'),
        phone,
        userId: null,
        language,
        template: 'notify.sms.otp',
        params: { code },
      });
      return { ok: true, notificationId: id };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, reason: err.code, detail: err.message };
      throw err;
    }
  }

  /** Liveness plus a real round trip to D1. */
  async health() {
    const started = Date.now();
    await this.env.DB.prepare('SELECT 1').first();
    return { ...(await backlog(this.env.DB)), service: 'notifications' as const, ok: true, d1Ms: Date.now() - started };
  }

  /** The OpenAPI paths of this service, generated from the same zod schemas that validate requests. */
  openapi() {
    return openApiPaths(app);
  }
}

// Chaos tests can make this service fail or hang on every call (development and test only).
installFaultSwitch(NotificationsService, 'notifications');
