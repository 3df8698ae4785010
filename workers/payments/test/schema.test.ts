import { env } from 'cloudflare:test';
import { schemaDrift } from '@linked-all/testing/schema-drift';
import { expect, it } from 'vitest';
import * as schema from '../src/db/schema';

it('the drizzle schema describes every table and column the migrations build', async () => {
  expect(await schemaDrift(env.DB, schema)).toEqual([]);
});
