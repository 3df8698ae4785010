// Words of notification templates (workers/notifications). English is the reference: every other language must have every key.
export const notifyEn = {} as const;
