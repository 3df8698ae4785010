import { traced } from '@linked-all/http';
import { NotificationContact as ContactSchema, type NotificationContact } from '@linked-all/identity/contract';
import { callIdentity } from '../service-calls';

export type Recipient = { kind: 'user'; userId: string } | { kind: 'vendor'; vendorId: string };

/** How to reach a recipient, asked of identity just before sending (events carry no phone). */
export async function contactOf(env: Pick<NotificationsEnv, 'IDENTITY'>, to: Recipient): Promise<NotificationContact | null> {
  const answer = await callIdentity(() =>
    to.kind === 'user' ? traced(env.IDENTITY).contact(to.userId) : traced(env.IDENTITY).vendorContact(to.vendorId),
  );
  return answer === null ? null : ContactSchema.parse(answer);
}

/** The account behind a phone number the network gave (USSD, inbound SMS), or null. */
export async function contactByPhone(
  env: Pick<NotificationsEnv, 'IDENTITY'>,
  phone: string,
): Promise<NotificationContact | null> {
  const answer = await callIdentity(() => traced(env.IDENTITY).contactByPhone(phone));
  return answer === null ? null : ContactSchema.parse(answer);
}
