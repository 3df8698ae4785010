import { AppError, newId } from '@linked-all/http';

/** Where identity hands an SMS. The real one goes through notifications (RPC) once that service exists. */
export interface SmsSender {
  send(phone: string, body: string): Promise<void>;
}

/** Writes messages to the `sms_sandbox` table instead of sending them (read them at GET /v1/dev/sms). */
export function sandboxSms(db: D1Database, now: () => number = Date.now): SmsSender {
  return {
    async send(phone, body) {
      const at = now();
      await db
        .prepare('INSERT INTO sms_sandbox (id, phone, body, created_at) VALUES (?, ?, ?, ?)')
        .bind(newId('sms', at), phone, body, at)
        .run();
    },
  };
}

/** Refuses to pretend: production must not log codes to a table nobody reads. */
const unconfiguredSms: SmsSender = {
  async send() {
    throw new AppError('upstream_unavailable', 'SMS delivery is not configured yet');
  },
};

/** The sandbox in development and staging; production waits for the notifications adapter. */
export function smsSenderFor(env: Pick<IdentityEnv, 'DB' | 'ENVIRONMENT'>): SmsSender {
  return env.ENVIRONMENT === 'production' ? unconfiguredSms : sandboxSms(env.DB);
}

export type SandboxMessage = { id: string; phone: string; body: string; sentAt: string };

export async function readSandbox(db: D1Database, phone: string, limit = 20): Promise<SandboxMessage[]> {
  const { results } = await db
    .prepare('SELECT id, phone, body, created_at FROM sms_sandbox WHERE phone = ? ORDER BY created_at DESC, id DESC LIMIT ?')
    .bind(phone, limit)
    .all<{ id: string; phone: string; body: string; created_at: number }>();
  return results.map((r) => ({ id: r.id, phone: r.phone, body: r.body, sentAt: new Date(r.created_at).toISOString() }));
}
