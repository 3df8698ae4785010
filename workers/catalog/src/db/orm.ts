import { ormFor } from '@linked-all/db';
import * as schema from './schema';

/** Typed queries over this service's tables, on the database or a read/write session (a nearby replica). */
export const orm = ormFor(schema);
