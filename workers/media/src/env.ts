import type { ServiceEnv } from '@linked-all/http';

/**
 * The Hono env of this worker's routes: its bindings (`wrangler types`) and the variables the shared
 * middleware sets. No auth variables: nothing here is reachable from the public gateway.
 */
export type MediaApp = ServiceEnv<MediaEnv>;
