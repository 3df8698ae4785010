import { AppError, newId } from '@linked-all/http';
import type { MessageKey } from '@linked-all/i18n';
import type { z } from 'zod';
import type { OtpAnswer } from '../../contract/rpc';
import { notifyPhone, type TemplateParams } from './notify';

/** One message on the priority path: who, in which language (null: the phone's country decides), which template. */
export type PriorityMessage = { phone: string; language: string | null; template: MessageKey; params: TemplateParams };

/**
 * Identity's security messages (sign-in codes, payout-phone codes, staff invitations): validated,
 * rendered in the reader's language and sent now, never queued, batched or held for quiet hours
 * (a code that arrives after it expired is worse than none). Refusals are answers: an AppError
 * does not cross RPC.
 */
export async function sendPriority<S extends z.ZodType>(
  env: NotificationsEnv,
  schema: S,
  input: unknown,
  message: (request: z.infer<S>) => PriorityMessage,
): Promise<OtpAnswer> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      reason: 'validation_failed',
      detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  try {
    const id = await notifyPhone(env, { sourceId: newId('otp'), userId: null, ...message(parsed.data) });
    return { ok: true, notificationId: id };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, reason: err.code, detail: err.message };
    throw err;
  }
}
