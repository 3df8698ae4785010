import { AppError, newId } from '@linked-all/http';
import { desc, eq } from 'drizzle-orm';
import { orm } from '../db/orm';
import { smsSandbox } from '../db/schema';

/** Where identity hands an SMS. The real one goes through notifications (RPC) once that service exists. */
export interface SmsSender {
  send(phone: string, body: string): Promise<void>;
}

/** Writes messages to the `sms_sandbox` table instead of sending them (read them at GET /v1/dev/sms). */
export function sandboxSms(db: D1Database, now: () => number = Date.now): SmsSender {
  return {
    async send(phone, body) {
      const at = now();
      await orm(db)
        .insert(smsSandbox)
        .values({ id: newId('sms', at), phone, body, createdAt: at })
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
  const rows = await orm(db)
    .select()
    .from(smsSandbox)
    .where(eq(smsSandbox.phone, phone))
    .orderBy(desc(smsSandbox.createdAt), desc(smsSandbox.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({ id: r.id, phone: r.phone, body: r.body, sentAt: new Date(r.createdAt).toISOString() }));
}
