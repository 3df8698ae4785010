import { shopStandingFromIdentity } from '@linked-all/auth';
import type { NotificationsApp } from './env';

// Identity owns shops; the vendor app's live socket passes the same shop guard as every vendor route.
export const shopStanding = shopStandingFromIdentity<NotificationsApp>((env) => env.IDENTITY);
