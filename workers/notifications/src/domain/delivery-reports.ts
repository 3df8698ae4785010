/** Records a delivery report once (provider, message, status) and sets the delivery's last known state. */
export async function recordDeliveryReport(
  db: D1Database,
  provider: string,
  report: { id: string; status: string },
  now = Date.now(),
): Promise<boolean> {
  const [, updated] = await db.batch([
    db
      .prepare(
        'INSERT OR IGNORE INTO delivery_reports (provider, provider_message_id, status, body, received_at) VALUES (?, ?, ?, ?, ?)',
      )
      .bind(provider, report.id, report.status, JSON.stringify(report), now),
    db
      .prepare('UPDATE deliveries SET delivery_status = ?, updated_at = ? WHERE provider = ? AND provider_message_id = ?')
      .bind(report.status, now, provider, report.id),
  ]);
  return (updated?.meta.changes ?? 0) > 0;
}
