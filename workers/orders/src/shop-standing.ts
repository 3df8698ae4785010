import { shopStandingFromIdentity } from '@linked-all/auth';
import type { OrdersApp } from './env';

// Identity owns shops and their staff; every vendor route asks it (see docs/architecture.md).
export const shopStanding = shopStandingFromIdentity<OrdersApp>((env) => env.IDENTITY);
