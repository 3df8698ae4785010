import { Hono } from 'hono';
import { type AdminPagesEnv, adminOnly } from './guard';

// The operators' console: every screen and form behind one guard. Screens mount here, one file per screen.
export const adminPageRoutes = new Hono<AdminPagesEnv>().use('*', adminOnly);
