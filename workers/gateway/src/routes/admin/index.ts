import { Hono } from 'hono';
import type { PagesEnv } from '../../page-response';
import { alertRoutes } from './alerts';
import { auditRoutes } from './audit';
import { dashboardRoutes } from './dashboard';
import { deadLetterRoutes } from './dead-letters';
import { adminOnly } from './guard';
import { adminPageFailed } from './kit';
import { messageRoutes } from './messages';
import { moneyRoutes } from './money';
import { orderRoutes } from './orders';
import { productRoutes } from './products';
import { synonymRoutes } from './synonyms';
import { userRoutes } from './users';
import { vendorRoutes } from './vendors';

// The operators' console: every screen and form behind one guard. Screens mount here, one file per screen.
export const adminPageRoutes = new Hono<PagesEnv>()
  .use('*', adminOnly)
  .route('/', dashboardRoutes)
  .route('/', auditRoutes)
  .route('/', vendorRoutes)
  .route('/', productRoutes)
  .route('/', orderRoutes)
  .route('/', deadLetterRoutes)
  .route('/', moneyRoutes)
  .route('/', userRoutes)
  .route('/', alertRoutes)
  .route('/', messageRoutes)
  .route('/', synonymRoutes)
  .onError(adminPageFailed);
