import { Hono } from 'hono';
import type { PagesEnv } from '../../page-response';
import { dashboardRoutes } from './dashboard';
import { adminOnly } from './guard';

// The operators' console: every screen and form behind one guard. Screens mount here, one file per screen.
export const adminPageRoutes = new Hono<PagesEnv>().use('*', adminOnly);
adminPageRoutes.route('/', dashboardRoutes);
