import type { SmsProviderName } from '../../contract/enums';
import { secret } from '../secrets';
import { africasTalking } from './africas-talking';
import type { ProviderHttp, SmsProvider } from './provider';
import { sandboxHttp } from './sandbox';
import { twilio } from './twilio';

export function isSandboxed(env: Pick<NotificationsEnv, 'ENVIRONMENT'>): boolean {
  return env.ENVIRONMENT === 'development' || env.ENVIRONMENT === 'test';
}

/** The network in staging/production, the in-worker sandbox in development and tests. */
export function providerHttp(env: NotificationsEnv): ProviderHttp {
  return isSandboxed(env) ? sandboxHttp(env) : (url, init) => fetch(url, init);
}

/** Every SMS provider in the order they are tried: the first that accepts a message sends it. */
export function smsProviders(env: NotificationsEnv): Record<SmsProviderName, SmsProvider> {
  const http = providerHttp(env);
  return {
    africastalking: africasTalking(
      {
        baseUrl: env.SMS_AT_BASE_URL,
        username: env.SMS_AT_USERNAME,
        apiKey: secret(env.SMS_AT_API_KEY, 'SMS_AT_API_KEY'),
        senderId: env.SMS_SENDER_ID,
      },
      http,
    ),
    twilio: twilio(
      {
        baseUrl: env.SMS_TWILIO_BASE_URL,
        accountSid: env.SMS_TWILIO_ACCOUNT_SID,
        authToken: secret(env.SMS_TWILIO_AUTH_TOKEN, 'SMS_TWILIO_AUTH_TOKEN'),
        from: env.SMS_TWILIO_FROM,
      },
      http,
    ),
  };
}
