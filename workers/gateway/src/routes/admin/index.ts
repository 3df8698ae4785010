import { Hono } from 'hono';
import type { PagesEnv } from '../../page-response';
import { auditRoutes } from './audit';
import { deadLetterRoutes } from './dead-letters';
import { adminOnly } from './guard';
import { orderRoutes } from './orders';
import { productRoutes } from './products';
import { vendorRoutes } from './vendors';

// The operators' console: every screen and form behind one guard. Screens mount here, one file per screen.
export const adminPageRoutes = new Hono<PagesEnv>()
  .use('*', adminOnly)
  .route('/', auditRoutes)
  .route('/', vendorRoutes)
  .route('/', productRoutes)
  .route('/', orderRoutes)
  .route('/', deadLetterRoutes);
