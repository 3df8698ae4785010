import { AuditReason } from '@linked-all/events';
import { z } from 'zod';

// Product moderation (the operators' console): the queue of new and edited listings, and hiding
// one with a reason. A hidden product leaves search and listings at once.

export const ProductQueue = z.enum(['new', 'edited', 'hidden']);

export const ProductQueueQuery = z.object({
  queue: ProductQueue.default('new'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const HideProductBody = z.object({ reason: AuditReason }).strict();

export const ModeratedProduct = z.object({
  id: z.string(),
  title: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  status: z.enum(['draft', 'active', 'archived']),
  version: z.number().int(),
  hiddenReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ModeratedProduct = z.infer<typeof ModeratedProduct>;

export const ProductQueueList = z.object({ items: z.array(ModeratedProduct) });
