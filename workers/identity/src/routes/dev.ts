import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { SandboxQuery } from '../../contract';
import { readSandbox } from '../domain/sms';
import type { IdentityApp } from '../env';

/** Development-only helpers; in any other environment these routes do not exist. */
export const devRoutes = new Hono<IdentityApp>()
  .use(async (c, next) => {
    if (c.env.ENVIRONMENT !== 'development')
      throw new AppError('route_not_found', `No route matches ${c.req.method} ${c.req.path}`);
    return next();
  })
  .get(
    '/sms',
    describe({ summary: 'Messages the SMS sandbox "sent" to a phone, newest first (development only)', tags: ['dev'] }),
    validate('query', SandboxQuery),
    async (c) => {
      c.header('cache-control', 'no-store');
      return c.json(await readSandbox(c.env.DB, c.req.valid('query').phone));
    },
  );
