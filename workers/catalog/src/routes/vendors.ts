import { AppError, describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { VendorId, VendorProfile } from '../../contract';
import { readSession } from '../db/session';
import { getVendor } from '../domain/get-vendor';
import type { CatalogApp } from '../env';

export const vendorRoutes = new Hono<CatalogApp>().get(
  '/:id',
  describe({ summary: "A shop's public profile", tags: ['catalog'], response: VendorProfile, problems: ['not_found'] }),
  validate('param', z.object({ id: VendorId })),
  async (c) => {
    const { id } = c.req.valid('param');
    const vendor = await getVendor(readSession(c.env.DB), id);
    if (!vendor) throw new AppError('not_found', `There is no shop ${id}`);
    c.header('cache-control', 'public, max-age=300');
    return c.json(vendor);
  },
);
