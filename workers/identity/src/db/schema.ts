import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Mirrors migrations/identity/*.sql (the SQL files are the source of truth for DDL).
// Password hashes and refresh tokens are read only through raw statements in
// src/domain, never selected with a user.

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  phone: text('phone').notNull(),
  email: text('email'),
  name: text('name').notNull(),
  language: text('language', { enum: ['en', 'fr', 'sw'] }).notNull(),
  role: text('role', { enum: ['shopper', 'vendor', 'admin', 'rider', 'station_agent'] }).notNull(),
  vendorId: text('vendor_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const addresses = sqliteTable('addresses', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull(),
  label: text('label'),
  landmark: text('landmark').notNull(),
  city: text('city').notNull(),
  country: text('country').notNull(),
  lat: real('lat'),
  lng: real('lng'),
  pickupStationId: text('pickup_station_id'),
  createdAt: integer('created_at').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
});
