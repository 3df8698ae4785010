// Prints a development access token (signed with the dev-only key in packages/auth/dev),
// for trying the vendor API locally until the identity service issues real tokens.
//   pnpm token --role vendor --vendor vnd_…    pnpm token --role shopper
import { parseArgs } from 'node:util';
import { mintDevToken } from '../packages/auth/src/dev-keys.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'vendor' },
    vendor: { type: 'string' },
    user: { type: 'string' },
    ttl: { type: 'string', default: '12h' },
  },
});
if (!['shopper', 'vendor', 'admin'].includes(values.role)) throw new Error('--role is shopper, vendor or admin');
if (values.role === 'vendor' && !values.vendor) throw new Error('--vendor vnd_… is required for a vendor token');

console.log(
  await mintDevToken({
    userId: values.user ?? `usr_dev${values.role}`,
    role: values.role,
    vendorId: values.vendor,
    expiresIn: values.ttl,
  }),
);
