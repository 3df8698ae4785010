import { idPattern, issueSummary } from '@linked-all/http';
import { CurrencyCode } from '@linked-all/money';
import { z } from 'zod';

// The RPC contract of docs/checkout.md. RPC callers skip the HTTP validators, so every method
// parses its input with these before it touches D1.

const Amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
// Order and vendor order ids belong to the orders worker; we only ask that they look like ids.
const ForeignId = z.string().regex(/^[a-z]{2,5}_[0-9a-z]{4,40}$/, 'An id like ord_…');
const OrderId = ForeignId;
const VendorOrderId = ForeignId;
const Reason = z.string().trim().min(1).max(200);
/** Who is paid a vendor order's delivery fee. */
export const DeliveryPayee = z.enum(['logistics', 'vendor']);
export type DeliveryPayee = z.infer<typeof DeliveryPayee>;

export const VendorShareInput = z
  .object({
    vendorOrderId: VendorOrderId,
    vendorId: z.string().regex(idPattern('vnd'), 'A vendor id like vnd_…'),
    lines: z
      .array(
        z
          .object({
            categoryId: z.string().min(1).max(64),
            amount: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    /**
     * The vendor order's delivery fee (not commissionable): `logistics` books it to the platform's
     * logistics revenue, `vendor` (a vendor that delivers itself) adds it to the vendor's share.
     */
    delivery: z
      .object({ fee: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), payee: DeliveryPayee })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.lines.some((l) => l.amount > 0), { message: 'A vendor order is worth more than nothing', path: ['lines'] });

const OrderPaymentShape = {
  orderId: OrderId,
  userId: z.string().regex(idPattern('usr'), 'A user id like usr_…'),
  amount: Amount,
  currency: CurrencyCode,
  vendorOrders: z.array(VendorShareInput).min(1).max(50),
};

type OrderPaymentLike = {
  amount: number;
  vendorOrders: { vendorOrderId: string; lines: { amount: number }[]; delivery?: { fee: number } }[];
};

function checkOrderPayment(o: OrderPaymentLike, ctx: z.core.$RefinementCtx) {
  const sum = o.vendorOrders.reduce((s, v) => s + v.lines.reduce((t, l) => t + l.amount, 0) + (v.delivery?.fee ?? 0), 0);
  if (sum !== o.amount) {
    ctx.addIssue({ code: 'custom', message: `The lines and delivery fees add up to ${sum}, not the amount`, path: ['amount'] });
  }
  if (new Set(o.vendorOrders.map((v) => v.vendorOrderId)).size !== o.vendorOrders.length) {
    ctx.addIssue({ code: 'custom', message: 'Each vendor order appears once', path: ['vendorOrders'] });
  }
}

export const OrderPaymentInput = z.object(OrderPaymentShape).strict().superRefine(checkOrderPayment);
export type OrderPaymentInput = z.infer<typeof OrderPaymentInput>;

export const RecordInput = z
  .object({ ...OrderPaymentShape, country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, e.g. KE') })
  .strict()
  .superRefine(checkOrderPayment);
export type RecordInput = z.infer<typeof RecordInput>;

export const CaptureInput = z.object({ orderId: OrderId }).strict();
export const VoidInput = z.object({ orderId: OrderId, reason: Reason }).strict();
export const RefundInput = z.object({ orderId: OrderId, vendorOrderId: VendorOrderId.optional(), reason: Reason }).strict();
export const CollectMethod = z.enum(['cash', 'mobile_money']);
/** A rider's or station agent's user id: the collector who holds pay-on-delivery cash until it is remitted. */
export const CollectorId = z.string().regex(idPattern('usr'), 'A user id like usr_…');
export const CollectInput = z
  .object({
    orderId: OrderId,
    vendorOrderId: VendorOrderId,
    method: CollectMethod,
    amount: Amount,
    // Optional (callers that predate it name no one): cash then stays on the COD receivable instead
    // of the collector's own account, and no remittance can be recorded against it.
    collectorId: CollectorId.optional(),
  })
  .strict();
export const DeliveredInput = z
  .object({
    vendorOrderId: VendorOrderId,
    deliveredAt: z.union([z.date(), z.iso.datetime({ offset: true }).pipe(z.coerce.date())]),
  })
  .strict();

/** What every RPC method answers to input it cannot accept: plain data, since an AppError does not cross RPC. */
export type InvalidInput = { ok: false; reason: 'invalid_input'; detail: string };

/** Parses RPC input, or says exactly what is wrong with it. */
export function parseRpc<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.infer<S> } | InvalidInput {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, reason: 'invalid_input', detail: issueSummary(parsed.error.issues) };
}

const ReturnId = z.string().regex(idPattern('ret'), 'A return id like ret_…');

/** Returns (issue 11): when a delivered vendor order's return window closes. */
export const ReturnWindowInput = z.object({ vendorOrderId: VendorOrderId }).strict();
/**
 * Returns: refund the goods of one return (minor units, the order's currency), once per return.
 * `final`: with this return every unit of the vendor order has come back, so the delivery fee
 * goes back too and the commission's remainder is reversed exactly.
 */
export const ReturnRefundInput = z
  .object({
    orderId: OrderId,
    vendorOrderId: VendorOrderId,
    returnId: ReturnId,
    goods: Amount,
    final: z.boolean(),
  })
  .strict();

/**
 * Returns: a return of the vendor order is being opened; its release waits until the return is
 * refunded or refused (`dropReleaseHold`). Refused once the window closed or the money was released.
 */
export const HoldReleaseInput = z.object({ vendorOrderId: VendorOrderId, returnId: ReturnId }).strict();
export const DropReleaseHoldInput = z.object({ returnId: ReturnId }).strict();
