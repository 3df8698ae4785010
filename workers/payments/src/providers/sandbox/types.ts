import type { Hono } from 'hono';
import type { SandboxRow, SandboxStatus } from './store';

export type SandboxApp = Hono<{ Bindings: PaymentsEnv }>;

export type SandboxAction = 'approve' | 'decline' | 'timeout';

/** A provider's HTTP call to us: the exact URL, method, headers and raw body it would send. */
export type Callback = { url: string; method: 'POST' | 'PUT'; headers: Record<string, string>; body: string };

/** One fake provider: its API routes, and what it does when the shopper acts on a charge. */
export type FakeProvider = {
  routes: SandboxApp;
  /** The state a charge moves to on the shopper's action, and the provider's transaction id if it gets one. */
  outcome(action: SandboxAction, row: SandboxRow): { status: SandboxStatus; transactionId: string | null };
  /** The callback the provider sends for the charge in its new state, or null if this provider sends none. */
  callback(env: PaymentsEnv, row: SandboxRow, now: number): Promise<Callback | null>;
};
