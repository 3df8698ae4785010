import { requireRoleOf } from '@linked-all/auth';
import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { CommissionRule, listRules, replaceRules } from '../checkout/commission';
import type { PaymentsApp } from '../env';

const RulesView = z.object({ rules: z.array(CommissionRule) });
const RulesBody = z
  .object({ rules: z.array(CommissionRule).min(1).max(500) })
  .strict()
  .refine((b) => new Set(b.rules.map((r) => r.categoryId)).size === b.rules.length, {
    message: 'Each category appears once',
    path: ['rules'],
  });

const adminDoc = { auth: 'admin' as const, tags: ['admin', 'commission'], response: RulesView, problems: ['forbidden' as const] };

export const commissionRoutes = new Hono<PaymentsApp>()
  .use(async (c, next) => {
    requireRoleOf(c.get('principal'), 'admin');
    c.header('cache-control', 'private, no-store');
    return next();
  })
  .get(
    '/',
    describe({ summary: 'Commission rules per category (rate in basis points, minimum per currency)', ...adminDoc }),
    async (c) => c.json({ rules: await listRules(c.env.DB) }),
  )
  .put(
    '/',
    describe({ summary: "Replace every commission rule at once (the '*' rule is required)", ...adminDoc }),
    validate('json', RulesBody),
    async (c) => {
      const admin = requireRoleOf(c.get('principal'), 'admin');
      return c.json({ rules: await replaceRules(c.env.DB, c.req.valid('json').rules, admin.userId) });
    },
  );
