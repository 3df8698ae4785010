import type { AuthVariables } from '@linked-all/auth';
import type { ServiceEnv } from '@linked-all/http';

/**
 * The Hono env of every route and middleware of this worker: its bindings (`wrangler types`) and
 * the variables the shared middleware sets. It lives apart from app.ts so that routes never
 * import the app that mounts them (no import circles).
 */
export type NotificationsApp = ServiceEnv<NotificationsEnv, AuthVariables>;
