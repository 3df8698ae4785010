import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { CallbackQuery, DeliveryReport, InboundSms, ProviderParams, UssdCallback } from '../../contract/schemas';
import { recordDeliveryReport } from '../domain/delivery-reports';
import { answerInboundSms, ussdStep } from '../domain/self-service';
import type { NotificationsApp } from '../env';
import { sameToken, validateForm } from '../form';
import { secret } from '../secrets';

// Africa's Talking's callbacks. It signs nothing, so the callback URLs registered with it carry a
// secret token (?token=…); a wrong or missing token is a 401 before the body is read.
const authenticated = validate('query', CallbackQuery);
function checkToken(token: string, env: NotificationsEnv) {
  if (!sameToken(token, secret(env.SMS_AT_CALLBACK_TOKEN, 'SMS_AT_CALLBACK_TOKEN')))
    throw new AppError('unauthenticated', 'The callback token is not valid');
}

export const callbackRoutes = new Hono<NotificationsApp>()
  .post(
    '/ussd/:provider',
    describe({
      summary: "USSD session step (Africa's Talking callback): answers CON … or END …",
      tags: ['notifications'],
      problems: ['unauthenticated'],
    }),
    validate('param', ProviderParams),
    authenticated,
    async (c, next) => {
      checkToken(c.req.valid('query').token, c.env);
      return next();
    },
    validateForm(UssdCallback),
    async (c) => {
      const { phoneNumber, text, sessionId } = c.req.valid('form');
      return c.text(await ussdStep(c.env, phoneNumber, text, sessionId), 200, { 'content-type': 'text/plain; charset=utf-8' });
    },
  )
  .post(
    '/sms/inbound/:provider',
    describe({
      summary: 'An SMS to our short code (STATUS <code>, RESEND <code>, ORDERS, ACCEPT <code>); the answer goes back by SMS',
      tags: ['notifications'],
      problems: ['unauthenticated'],
    }),
    validate('param', ProviderParams),
    authenticated,
    async (c, next) => {
      checkToken(c.req.valid('query').token, c.env);
      return next();
    },
    validateForm(InboundSms),
    async (c) => {
      const sms = c.req.valid('form');
      await answerInboundSms(c.env, { id: sms.id, from: sms.from, text: sms.text });
      return c.json({ ok: true });
    },
  )
  .post(
    '/sms/delivery-reports/:provider',
    describe({
      summary: "A provider's delivery report for one SMS, recorded once",
      tags: ['notifications'],
      problems: ['unauthenticated'],
    }),
    validate('param', ProviderParams),
    authenticated,
    async (c, next) => {
      checkToken(c.req.valid('query').token, c.env);
      return next();
    },
    validateForm(DeliveryReport),
    async (c) => {
      const report = c.req.valid('form');
      const matched = await recordDeliveryReport(c.env.DB, c.req.valid('param').provider, report);
      return c.json({ ok: true, matched });
    },
  );
