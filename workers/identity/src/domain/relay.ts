import { drainOutbox } from '@linked-all/events';

/** Publishes identity's unsent events to identity-events. */
export function relayIdentityOutbox(env: Pick<IdentityEnv, 'DB' | 'IDENTITY_EVENTS'>): Promise<number> {
  return drainOutbox(env.DB, env.IDENTITY_EVENTS);
}
