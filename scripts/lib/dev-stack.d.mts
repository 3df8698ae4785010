// Types for dev-stack.mjs, so TypeScript callers (e2e/stack.ts) are checked.
import type { ChildProcess } from 'node:child_process';

export const ROOT: string;
export const DEFAULT_PERSIST_DIR: string;
export const GATEWAY_CONFIG: string;
export const CATALOG_CONFIG: string;
export const WORKER_CONFIGS: string[];
export const DEV_CONFIGS: string[];
export const NODE: string;

export function offlineEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export function runWrangler(args: string[], options?: { quiet?: boolean }): Promise<string>;
export function migratedDatabases(): { config: string; database: string }[];
export function applyMigrations(persistDir?: string): Promise<void>;
export function freePort(): Promise<number>;
export function killGroup(child: ChildProcess, options?: { graceMs?: number }): Promise<void>;

export type DevServer = { child: ChildProcess; baseUrl: string; log(): string; stop(): Promise<void> };
export function startDev(options?: {
  port?: number;
  ip?: string;
  persistDir?: string;
  registryDir?: string;
  configs?: string[];
  stdio?: 'inherit' | 'pipe';
  extraArgs?: string[];
}): DevServer;
export function waitForHttp(
  url: string,
  options?: { status?: number; timeoutMs?: number; child?: ChildProcess; log?: () => string },
): Promise<number>;
export function runSeed(flags: string[], options?: { quiet?: boolean }): Promise<string>;
