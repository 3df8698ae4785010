import { callerOf } from '@linked-all/auth';
import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  AddStaffBody,
  ApplyVendorBody,
  InvitationSent,
  MyVendorView,
  PayoutPhoneBody,
  PayoutPhoneCodeSent,
  PayoutPhoneConfirmBody,
  ShopProfileBody,
  StaffMember,
  StaffParams,
  VendorView,
} from '../../contract';
import { confirmPayoutPhoneChange, requestPayoutPhoneChange, updateShopProfile } from '../domain/shop-profile';
import { notificationsSms } from '../domain/sms';
import { inviteStaff } from '../domain/staff-invitations';
import { applyVendor, listStaff, myVendor, removeStaff } from '../domain/vendors';
import type { IdentityApp } from '../env';
import { identityContext } from './auth';

// Only /v1/vendors (POST) and /v1/vendors/me… live here; GET /v1/vendors/:id (a vnd_… id) is the catalog's shop profile.

const mine = { auth: 'any' as const, tags: ['vendors'] };

export const vendorRoutes = new Hono<IdentityApp>()
  .use(async (c, next) => {
    callerOf(c.get('principal'));
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .post(
    '/',
    describe({
      summary: 'Apply to sell (the shop starts pending until an operator approves it)',
      ...mine,
      status: 201,
      response: VendorView,
      problems: ['conflict'],
    }),
    validate('json', ApplyVendorBody),
    async (c) => c.json(await applyVendor(identityContext(c), callerOf(c.get('principal')).userId, c.req.valid('json')), 201),
  )
  .get(
    '/me',
    describe({ summary: 'The shop I own or work for', ...mine, response: MyVendorView, problems: ['not_found'] }),
    async (c) => {
      const vendor = await myVendor(c.env.DB, callerOf(c.get('principal')).userId);
      if (!vendor) throw new AppError('not_found', 'You have no shop');
      return c.json(vendor);
    },
  )
  .patch(
    '/me',
    describe({
      summary: 'Rename my shop (owner; audited)',
      ...mine,
      response: MyVendorView,
      problems: ['forbidden', 'not_found'],
    }),
    validate('json', ShopProfileBody),
    async (c) => c.json(await updateShopProfile(identityContext(c), callerOf(c.get('principal')).userId, c.req.valid('json'))),
  )
  .post(
    '/me/payout-phone',
    describe({
      summary: 'Ask to change my payout phone (owner): a code goes by SMS to the new number',
      ...mine,
      status: 202,
      response: PayoutPhoneCodeSent,
      problems: ['forbidden', 'not_found', 'upstream_unavailable'],
    }),
    validate('json', PayoutPhoneBody),
    async (c) =>
      c.json(
        await requestPayoutPhoneChange(
          identityContext(c),
          notificationsSms(c.env),
          callerOf(c.get('principal')).userId,
          c.req.valid('json').phone,
        ),
        202,
      ),
  )
  .post(
    '/me/payout-phone/confirm',
    describe({
      summary: 'Confirm the new payout phone with the code sent to it (owner; audited)',
      ...mine,
      response: MyVendorView,
      problems: ['forbidden', 'not_found', 'unauthenticated'],
    }),
    validate('json', PayoutPhoneConfirmBody),
    async (c) =>
      c.json(await confirmPayoutPhoneChange(identityContext(c), callerOf(c.get('principal')).userId, c.req.valid('json'))),
  )
  .get(
    '/me/staff',
    describe({ summary: "My shop's staff", ...mine, response: z.array(StaffMember), problems: ['not_found'] }),
    async (c) => {
      const vendor = await myVendor(c.env.DB, callerOf(c.get('principal')).userId);
      if (!vendor) throw new AppError('not_found', 'You have no shop');
      return c.json(await listStaff(c.env.DB, vendor.id));
    },
  )
  .post(
    '/me/staff',
    describe({
      summary:
        'Invite a phone number to my staff (owner of an approved shop): the same 202 for any number; they join only when they accept',
      ...mine,
      status: 202,
      response: InvitationSent,
      problems: ['forbidden', 'not_found', 'conflict', 'upstream_unavailable'],
    }),
    validate('json', AddStaffBody),
    async (c) =>
      c.json(
        await inviteStaff(
          identityContext(c),
          notificationsSms(c.env),
          callerOf(c.get('principal')).userId,
          c.req.valid('json').phone,
          c.req.valid('json').role,
        ),
        202,
      ),
  )
  .delete(
    '/me/staff/:userId',
    describe({ summary: 'Remove a staff member (owner only)', ...mine, status: 204, problems: ['forbidden', 'not_found'] }),
    validate('param', StaffParams),
    async (c) => {
      await removeStaff(identityContext(c), callerOf(c.get('principal')).userId, c.req.valid('param').userId);
      return c.body(null, 204);
    },
  );
