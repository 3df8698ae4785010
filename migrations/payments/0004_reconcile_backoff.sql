-- Reconciliation back-off: when the cron may next ask the provider about a pending charge. A
-- charge that stays pending (Paystack "abandoned", Flutterwave "not found") is asked less and
-- less often, so it cannot crowd newer stuck charges out of the cron's window. NULL = due now.
ALTER TABLE topups ADD COLUMN next_check_at INTEGER;
CREATE INDEX topups_pending_due ON topups (status, next_check_at);
