import { ormFor } from '@linked-all/db';
import * as schema from './schema';

/** Typed queries over this service's tables. Guarded multi-statement writes stay single D1 `batch()` calls. */
export const orm = ormFor(schema);
