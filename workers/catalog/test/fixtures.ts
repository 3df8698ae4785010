import { exports } from 'cloudflare:workers';
import { mintDevToken } from '@linked-all/auth/dev-keys';
import { caller, problem } from '@linked-all/testing';

export * from './seed-catalog';

export const vendorToken = (vendorId: string) => mintDevToken({ userId: `usr_${vendorId.slice(4)}`, role: 'vendor', vendorId });
export const shopperToken = () => mintDevToken({ userId: 'usr_shopper1', role: 'shopper' });

/** Calls the worker under test over HTTP, as the gateway would. */
export const call = caller((request) => exports.default.fetch(request), 'https://catalog.internal');

export { problem };
