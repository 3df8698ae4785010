/** A shipment step as the console's order timeline shows it. */
export type ShipmentStep = {
  at: string;
  shipmentId: string;
  vendorOrderId: string;
  trackingCode: string;
  from: string;
  to: string;
  actor: string;
  reason: string | null;
};

/** The order a tracking code belongs to (the console's search box), or null. */
export async function orderOfTrackingCode(db: D1Database, code: string): Promise<string | null> {
  const row = await db
    .prepare('SELECT order_id FROM shipments WHERE tracking_code = ?')
    .bind(code.trim().toUpperCase())
    .first<{ order_id: string }>();
  return row?.order_id ?? null;
}

/** Every status move of an order's shipments, oldest first. */
export async function shipmentSteps(db: D1Database, orderId: string): Promise<ShipmentStep[]> {
  const { results } = await db
    .prepare(
      `SELECT t.created_at, s.id AS shipment_id, s.vendor_order_id, s.tracking_code, t.from_status, t.to_status, t.actor, t.reason
         FROM shipment_transitions t JOIN shipments s ON s.id = t.shipment_id
        WHERE s.order_id = ? ORDER BY t.created_at, t.id`,
    )
    .bind(orderId)
    .all<{
      created_at: number;
      shipment_id: string;
      vendor_order_id: string;
      tracking_code: string;
      from_status: string;
      to_status: string;
      actor: string;
      reason: string | null;
    }>();
  return results.map((r) => ({
    at: new Date(r.created_at).toISOString(),
    shipmentId: r.shipment_id,
    vendorOrderId: r.vendor_order_id,
    trackingCode: r.tracking_code,
    from: r.from_status,
    to: r.to_status,
    actor: r.actor,
    reason: r.reason,
  }));
}
