import { guardedCall, log, serviceUnavailable, traced } from '@linked-all/http';
import type { OtpAnswer, OtpRequest, SecuritySmsRequest } from '@linked-all/notifications/contract';

/**
 * Notifications' answer comes within this or the send counts as failed: one D1 write and up to
 * two SMS providers (the second is the fallback), each with its own deadline inside notifications.
 */
export const SEND_DEADLINE_MS = 10_000;

/** Where identity hands an SMS: notifications' priority path (no queue, no quiet hours), in every environment. */
export interface SmsSender {
  /** A sign-in or password-reset code. */
  otp(message: OtpRequest): Promise<void>;
  /** A payout-phone code or a staff invitation. */
  security(message: SecuritySmsRequest): Promise<void>;
  /**
   * Fails exactly as a send would while notifications cannot be reached, and sends nothing: what a
   * request for a phone that gets no SMS calls, so its answer stays the same as a real send's.
   */
  reachable(): Promise<void>;
}

/**
 * A refusal (no provider took the message, a request notifications found invalid), a thrown call,
 * a missed deadline and an open circuit are all AppError `upstream_unavailable`: 503 with Retry-After.
 */
export function notificationsSms(env: Pick<IdentityEnv, 'NOTIFICATIONS'>): SmsSender {
  const send = async (call: () => Promise<OtpAnswer>) => {
    const answer = await guardedCall('notifications', { deadlineMs: SEND_DEADLINE_MS, isFailure: (a: OtpAnswer) => !a.ok }, call);
    if (!answer.ok) {
      log('warn', 'notifications refused an SMS', { reason: answer.reason, detail: answer.detail });
      throw serviceUnavailable('notifications');
    }
  };
  return {
    otp: (message) => send(() => traced(env.NOTIFICATIONS).sendOtp(message)),
    security: (message) => send(() => traced(env.NOTIFICATIONS).sendSecuritySms(message)),
    async reachable() {
      await guardedCall('notifications', { deadlineMs: SEND_DEADLINE_MS }, () => traced(env.NOTIFICATIONS).health());
    },
  };
}
