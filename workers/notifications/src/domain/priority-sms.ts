import { newId, rpcAnswer } from '@linked-all/http';
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
export function sendPriority<S extends z.ZodType>(
  env: NotificationsEnv,
  schema: S,
  input: unknown,
  message: (request: z.infer<S>) => PriorityMessage,
): Promise<OtpAnswer> {
  return rpcAnswer(schema, input, async (request) => ({
    ok: true as const,
    notificationId: await notifyPhone(env, { sourceId: newId('otp'), userId: null, ...message(request) }),
  }));
}
