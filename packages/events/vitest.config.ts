import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

// consumeBatch runs inside workerd against a real local D1 (its processed_events table) and real
// MessageBatch objects from the test runner, whose acks and retries are read back per message.
export default defineConfig({
  plugins: [
    cloudflareTest({
      miniflare: { compatibilityDate: '2026-08-01', compatibilityFlags: ['nodejs_compat'], d1Databases: ['DB'] },
    }),
  ],
  test: { name: 'events', include: ['test/**/*.test.ts'] },
});
