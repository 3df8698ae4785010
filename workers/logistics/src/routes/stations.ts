import { describe, validate } from '@linked-all/http';
import { Hono } from 'hono';
import { z } from 'zod';
import { PickupStationView, StationParams, StationsQuery } from '../../contract/schemas';
import { getStation, listStations } from '../domain/stations';
import type { LogisticsApp } from '../env';

// Public: anyone choosing where to collect a parcel.
export const stationRoutes = new Hono<LogisticsApp>()
  .get(
    '/',
    describe({
      summary: 'Open pickup stations by country and city, nearest first with near=lat,lng',
      tags: ['logistics'],
      response: z.object({ items: z.array(PickupStationView) }),
    }),
    validate('query', StationsQuery),
    async (c) => {
      c.header('cache-control', 'public, max-age=300');
      return c.json(await listStations(c.env.DB, c.req.valid('query')));
    },
  )
  .get(
    '/:id',
    describe({ summary: 'One pickup station', tags: ['logistics'], response: PickupStationView, problems: ['not_found'] }),
    validate('param', StationParams),
    async (c) => c.json(await getStation(c.env.DB, c.req.valid('param').id)),
  );
