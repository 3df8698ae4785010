import { shopStandingFromIdentity } from '@linked-all/auth';
import type { PaymentsApp } from './env';

// Identity owns shops and their staff; every vendor route asks it (see docs/architecture.md).
export const shopStanding = shopStandingFromIdentity<PaymentsApp>((env) => env.IDENTITY);
