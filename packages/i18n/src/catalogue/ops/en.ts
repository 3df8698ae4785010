// Words of the console's dashboards and alerts (metrics, alert SMS/e-mail). English is the reference.
export const opsEn = {
  'ops.dashboard.title': 'Dashboard',
} as const;
