/** A payout's life: requested → submitted → completed, or failing → failed (the money back to payable). */
export type PayoutStatus = 'requested' | 'submitted' | 'completed' | 'failing' | 'failed';
