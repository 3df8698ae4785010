-- Operator alerts (issue 15): the gateway's minute cron evaluates the rules (packages/metrics
-- ALERT_RULES) and hands the verdicts here. A rule's firing alert is its one row without
-- `resolved_at`; firing again while it stands inserts nothing (the partial unique index), so the
-- on-call operators hear of a change of state only: one message when it fires, one when it resolves.
CREATE TABLE operator_alerts (
  id TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  threshold REAL NOT NULL,
  -- The figure when it fired, and when it resolved.
  value REAL NOT NULL,
  resolved_value REAL,
  fired_at INTEGER NOT NULL,
  resolved_at INTEGER
);
CREATE UNIQUE INDEX operator_alerts_firing ON operator_alerts (rule) WHERE resolved_at IS NULL;
CREATE INDEX operator_alerts_recent ON operator_alerts (fired_at, id);
