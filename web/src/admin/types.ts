// What the console screens show: the parts of the services' answers they read (the gateway
// parses those answers with the services' own schemas and hands these over).

/** One admin write as the audit log keeps it. */
export type AuditRow = {
  id: string;
  service: string;
  actor: string;
  action: string;
  target: string;
  reason: string | null;
  at: string;
};

export type AuditFilter = { actor?: string; action?: string; target?: string; from?: string; to?: string };

export type VendorStatus = 'pending' | 'approved' | 'suspended' | 'closed';

/** A vendor application as identity keeps it: every field the applicant gave. */
export type VendorApplication = {
  id: string;
  businessName: string;
  country: string;
  currency: string;
  payoutPhone: string;
  status: VendorStatus;
  statusReason: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ProductQueueName = 'new' | 'edited' | 'hidden';

/** A listing in the moderation queue. */
export type QueuedProduct = {
  id: string;
  title: string;
  vendorName: string;
  version: number;
  hiddenReason: string | null;
  updatedAt: string;
};

/** An order found by the console's search. */
export type FoundOrderRow = {
  id: string;
  userId: string;
  status: string;
  total: number;
  currency: string | null;
  createdAt: string;
};

/** One vendor order of an order's page, and whether the console may still cancel it. */
export type AdminVendorOrder = {
  id: string;
  vendorName: string | null;
  vendorId: string;
  status: string;
  amount: number;
  currency: string;
  cancellable: boolean;
};

/** One line of an order's timeline, whichever service it comes from. */
export type TimelineRow = {
  at: string;
  source: 'orders' | 'shipment' | 'payment';
  what: string;
  who: string;
  why: string | null;
};

export type AdminOrderDetail = {
  id: string;
  userId: string;
  status: string;
  paymentMethod: string;
  paymentStatus: string;
  total: number;
  currency: string | null;
  createdAt: string;
  vendorOrders: AdminVendorOrder[];
  timeline: TimelineRow[];
};

/** One log line of an order's traces (the local log sink; production keeps them in Workers Logs). */
export type TraceLogRow = {
  at: string;
  level: string;
  service: string;
  message: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  /** The line's other fields, `key=value`. */
  detail: string;
};

/** A dead-letter queue of one service. */
export type DeadQueueRow = { service: string; queue: string; count: number; oldest: string };

/** A kept message; `body` is its JSON text. */
export type DeadLetterRow = {
  service: string;
  messageId: string;
  queue: string;
  attempts: number;
  receivedAt: string;
  body: string;
};

/** The ledger balance check of one currency: debits and credits must be equal. */
export type LedgerCheckRow = { currency: string; debits: number; credits: number; difference: number };
export type LedgerCheckView = { balanced: boolean; currencies: LedgerCheckRow[]; unbalancedEntries: string[]; checkedAt: string };

type Figure = { count: number; amount: number };
/** Money flows of one currency. */
export type MoneyFlowRow = {
  currency: string;
  wallets: number;
  vendorPending: number;
  vendorPayable: number;
  payoutsRequested: Figure;
  payoutsSent: Figure;
  payoutsFailed: Figure;
  refunds: Figure;
};

export type PayoutState = 'requested' | 'sent' | 'failed';

/** Pay-on-delivery cash one rider or station agent holds in one currency (payments' `CollectorCash`). */
export type CollectorCashRow = {
  collectorId: string;
  currency: string;
  held: number;
  collections: number;
  oldestAt: string | null;
};
/** Delivered pay-on-delivery parcels nobody booked a collection for, in one currency. */
export type UncollectedCashRow = { currency: string; count: number; amount: number; oldestAt: string | null };

/** A payout as the console lists it; a failed one may be retried once per failure. */
export type AdminPayout = {
  id: string;
  vendorId: string;
  amount: number;
  currency: string;
  phone: string;
  provider: string;
  status: string;
  failureReason: string | null;
  createdAt: string;
  retriedAs: string | null;
};

/** A user the console found by phone, e-mail or id. */
export type FoundUserRow = { id: string; name: string; phone: string; email: string | null; role: string };

/** One user: roles, shops, sign-in state, lock, and how many orders they placed lately. */
export type AdminUserDetail = FoundUserRow & {
  vendorId: string | null;
  language: string;
  createdAt: string;
  phoneVerified: boolean;
  passwordSet: boolean;
  activeSessions: number;
  lastSignInAt: string | null;
  lock: { reason: string; lockedBy: string; lockedAt: string } | null;
  shops: { vendorId: string; businessName: string; status: string; role: string }[];
  /** Orders of the last 30 days; null when orders did not answer. */
  recentOrders: number | null;
};

/** An alert as the notifications service recorded it; no `resolvedAt` = firing. */
export type OperatorAlertRow = {
  id: string;
  rule: string;
  threshold: number;
  value: number;
  resolvedValue: number | null;
  firedAt: string;
  resolvedAt: string | null;
};

/** One alert rule as configured (packages/metrics ALERT_RULES). */
export type AlertRuleRow = { id: string; figure: string; above: number; runbook: string };
