/** Development/test only: where a fake provider's charge stands (table sandbox_charges). */
export type SandboxStatus = 'pending' | 'timeout' | 'paid' | 'failed' | 'cancelled';
