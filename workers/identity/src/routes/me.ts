import { callerOf } from '@linked-all/auth';
import { AppError, describe, idempotency, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  AddressBody,
  AddressParams,
  AddressView,
  InvitationParams,
  PasswordChangeBody,
  StaffInvitationView,
  TokenPair,
  UpdateMeBody,
  UserView,
} from '../../contract';
import { addAddress, deleteAddress, getAddress, listAddresses, makeDefaultAddress, updateAddress } from '../domain/addresses';
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure, throttleKey } from '../domain/login-throttle';
import { relayIdentityOutbox } from '../domain/relay';
import { changePassword } from '../domain/sessions';
import { answerInvitation, myInvitations } from '../domain/staff-invitations';
import { getUser, updateUser } from '../domain/users';
import type { IdentityApp } from '../env';
import { clientIp, identityContext, noStore } from './auth';

const me = { auth: 'any' as const, tags: ['me'] };

export const meRoutes = new Hono<IdentityApp>()
  .use(async (c, next) => {
    callerOf(c.get('principal'));
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .use(idempotency<IdentityApp>({ db: (c) => c.env.DB, scope: (c) => callerOf(c.get('principal')).userId }))
  .get('/', describe({ summary: 'My account', ...me, response: UserView }), async (c) => {
    const user = await getUser(c.env.DB, callerOf(c.get('principal')).userId);
    if (!user) throw new AppError('not_found', 'Your account no longer exists');
    return c.json(user);
  })
  .patch(
    '/',
    describe({ summary: 'Change my name, e-mail or language', ...me, response: UserView, problems: ['conflict'] }),
    validate('json', UpdateMeBody),
    async (c) => {
      const user = await updateUser(identityContext(c), callerOf(c.get('principal')).userId, c.req.valid('json'));
      c.executionCtx.waitUntil(relayIdentityOutbox(c.env));
      return c.json(user);
    },
  )
  .put(
    '/password',
    describe({
      summary: 'Change my password (the current one first); every session ends, access tokens too, and a new one starts',
      ...me,
      response: TokenPair,
      problems: ['forbidden', 'rate_limited'],
    }),
    validate('json', PasswordChangeBody),
    async (c) => {
      const ctx = identityContext(c);
      const userId = callerOf(c.get('principal')).userId;
      // A stolen access token must not become a way to guess the password: the login's progressive waits.
      const key = throttleKey(`change:${userId}`, clientIp(c));
      await checkLoginThrottle(ctx.db, key, ctx.now);
      let tokens: TokenPair;
      try {
        tokens = await changePassword(ctx, userId, c.req.valid('json'));
      } catch (err) {
        if (err instanceof AppError && err.code === 'forbidden') await recordLoginFailure(ctx.db, key, ctx.now);
        throw err;
      }
      await clearLoginFailures(ctx.db, key);
      noStore(c);
      return c.json(tokens);
    },
  )
  .get('/addresses', describe({ summary: 'My delivery addresses', ...me, response: z.array(AddressView) }), async (c) =>
    c.json(await listAddresses(c.env.DB, callerOf(c.get('principal')).userId)),
  )
  .post(
    '/addresses',
    describe({ summary: 'Add a delivery address', ...me, status: 201, response: AddressView, problems: ['conflict'] }),
    validate('json', AddressBody),
    async (c) => c.json(await addAddress(c.env.DB, callerOf(c.get('principal')).userId, c.req.valid('json'), Date.now()), 201),
  )
  .get(
    '/addresses/:id',
    describe({ summary: 'One of my addresses', ...me, response: AddressView, problems: ['not_found'] }),
    validate('param', AddressParams),
    async (c) => c.json(await getAddress(c.env.DB, callerOf(c.get('principal')).userId, c.req.valid('param').id)),
  )
  .put(
    '/addresses/:id',
    describe({ summary: 'Change one of my addresses', ...me, response: AddressView, problems: ['not_found'] }),
    validate('param', AddressParams),
    validate('json', AddressBody),
    async (c) =>
      c.json(await updateAddress(c.env.DB, callerOf(c.get('principal')).userId, c.req.valid('param').id, c.req.valid('json'))),
  )
  .post(
    '/addresses/:id/default',
    describe({
      summary: 'Make one of my addresses the default (checkout picks it first)',
      ...me,
      response: AddressView,
      problems: ['not_found'],
    }),
    validate('param', AddressParams),
    async (c) => c.json(await makeDefaultAddress(c.env.DB, callerOf(c.get('principal')).userId, c.req.valid('param').id)),
  )
  .delete(
    '/addresses/:id',
    describe({ summary: 'Delete one of my addresses', ...me, status: 204, problems: ['not_found'] }),
    validate('param', AddressParams),
    async (c) => {
      await deleteAddress(c.env.DB, callerOf(c.get('principal')).userId, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .get(
    '/staff-invitations',
    describe({
      summary: 'Open invitations to work for a shop, sent to my phone number',
      ...me,
      response: z.array(StaffInvitationView),
    }),
    async (c) => c.json(await myInvitations(identityContext(c), callerOf(c.get('principal')).userId)),
  )
  .post(
    '/staff-invitations/:id/accept',
    describe({
      summary: 'Accept an invitation: I become staff of that shop (my next token says so)',
      ...me,
      status: 204,
      problems: ['not_found', 'conflict'],
    }),
    validate('param', InvitationParams),
    async (c) => {
      await answerInvitation(identityContext(c), callerOf(c.get('principal')).userId, c.req.valid('param').id, 'accepted');
      return c.body(null, 204);
    },
  )
  .post(
    '/staff-invitations/:id/decline',
    describe({ summary: 'Decline an invitation', ...me, status: 204, problems: ['not_found'] }),
    validate('param', InvitationParams),
    async (c) => {
      await answerInvitation(identityContext(c), callerOf(c.get('principal')).userId, c.req.valid('param').id, 'declined');
      return c.body(null, 204);
    },
  );
