import { requireRoleOf } from '@linked-all/auth';
import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { UserId, UserView } from '../../contract';
import { STAFF_ROLES, setStaffRole } from '../domain/staff-roles';
import type { IdentityApp } from '../env';

const RoleBody = z.object({ role: z.enum(STAFF_ROLES) }).strict();

// Logistics staff (riders, station agents) are given their role by an admin.
export const adminRoleRoutes = new Hono<IdentityApp>().put(
  '/users/:id/role',
  describe({
    summary: 'Make a user a rider or a station agent (or a shopper again)',
    auth: 'admin',
    tags: ['admin'],
    response: UserView,
    problems: ['forbidden', 'not_found', 'conflict'],
  }),
  validate('param', z.object({ id: UserId })),
  validate('json', RoleBody),
  async (c) => {
    const admin = requireRoleOf(c.get('principal'), 'admin');
    c.header('cache-control', 'private, no-store');
    return c.json(await setStaffRole(c.env.DB, c.req.valid('param').id, c.req.valid('json').role, admin.userId));
  },
);
