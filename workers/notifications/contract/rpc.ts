import type { OtpRequest, SecuritySmsRequest } from './schemas';

/** A refusal crosses RPC as an answer (an AppError does not). */
export type OtpAnswer = { ok: true; notificationId: string } | { ok: false; reason: string; detail: string };

/** What other workers call on notifications over a Service Binding. */
export interface NotificationsRpc {
  /** Sends a one-time code by SMS now: no queue, no batching, no quiet hours. */
  sendOtp(input: OtpRequest): Promise<OtpAnswer>;
  /** Sends a payout-phone code or a staff invitation by SMS now, on the same path as `sendOtp`. */
  sendSecuritySms(input: SecuritySmsRequest): Promise<OtpAnswer>;
}
