-- Logistics: pickup stations, delivery rates, shipments and their audit trail, plus the event
-- system's tables (outbox, processed_events, dead_letters). Statuses and their legal moves:
-- workers/logistics/contract/enums.ts (the CHECKs below are generated from the same lists by hand:
-- a test compares them).

CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);

CREATE TABLE processed_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  processed_at INTEGER NOT NULL
);

-- order-events messages that exhausted their retries, for operators to inspect and replay.
CREATE TABLE dead_letters (
  message_id TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  received_at INTEGER NOT NULL
);

-- Lookup table of shipment statuses: the enum in the contract, as rows, so SQL can join on it.
CREATE TABLE shipment_statuses (
  status TEXT PRIMARY KEY,
  terminal INTEGER NOT NULL CHECK (terminal IN (0, 1))
);
INSERT INTO shipment_statuses (status, terminal) VALUES
  ('awaiting_pickup', 0), ('picked_up', 0), ('in_transit', 0), ('at_station', 0), ('out_for_delivery', 0),
  ('failed_attempt', 0), ('delivered', 1), ('returned_to_vendor', 1), ('cancelled', 1);

CREATE TABLE pickup_stations (
  id TEXT PRIMARY KEY,
  country TEXT NOT NULL CHECK (length(country) = 2),
  city TEXT NOT NULL,
  name TEXT NOT NULL,
  -- How people find it: "Opposite Total petrol station, Ngong Road".
  landmark TEXT NOT NULL,
  -- JSON { mon: "08:00-19:00", …, sun: null }: closed days are null.
  opening_hours TEXT NOT NULL,
  -- Parcels it can hold at once.
  capacity INTEGER NOT NULL CHECK (typeof(capacity) = 'integer' AND capacity > 0),
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng REAL NOT NULL CHECK (lng BETWEEN -180 AND 180),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX pickup_stations_place ON pickup_stations (country, city, active);

-- Delivery rates: per country and method, optionally narrowed to a city ('*' = the rest of the
-- country). Fee = base_fee + per_kg_fee × every started kg above included_grams.
CREATE TABLE delivery_rates (
  country TEXT NOT NULL CHECK (length(country) = 2),
  city TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('home', 'station')),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  base_fee INTEGER NOT NULL CHECK (typeof(base_fee) = 'integer' AND base_fee >= 0),
  per_kg_fee INTEGER NOT NULL CHECK (typeof(per_kg_fee) = 'integer' AND per_kg_fee >= 0),
  included_grams INTEGER NOT NULL CHECK (typeof(included_grams) = 'integer' AND included_grams >= 0),
  min_days INTEGER NOT NULL CHECK (min_days >= 0),
  max_days INTEGER NOT NULL CHECK (max_days >= min_days),
  PRIMARY KEY (country, city, method)
);

-- A vendor's optional free-delivery threshold: vendor orders at or above it ship free (the vendor pays).
CREATE TABLE vendor_free_delivery (
  vendor_id TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  threshold INTEGER NOT NULL CHECK (typeof(threshold) = 'integer' AND threshold > 0),
  PRIMARY KEY (vendor_id, currency)
);

CREATE TABLE shipments (
  id TEXT PRIMARY KEY,
  -- Human-readable, on the parcel's label and in the public tracking URL: LA-XXXX-XXXX.
  tracking_code TEXT NOT NULL UNIQUE,
  order_id TEXT NOT NULL,
  -- One shipment per vendor order: a redelivered order.confirmed creates nothing twice.
  vendor_order_id TEXT NOT NULL UNIQUE,
  vendor_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('home', 'station')),
  shipping_address_id TEXT,
  pickup_station_id TEXT REFERENCES pickup_stations (id),
  status TEXT NOT NULL DEFAULT 'awaiting_pickup' REFERENCES shipment_statuses (status),
  payment_method TEXT NOT NULL CHECK (payment_method IN ('wallet', 'mobile_money', 'pay_on_delivery')),
  -- Pay on delivery: what the rider or station collects (0 when prepaid).
  cod_amount INTEGER NOT NULL CHECK (typeof(cod_amount) = 'integer' AND cod_amount >= 0),
  cod_collected_at INTEGER,
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  rider_id TEXT,
  carrier TEXT,
  carrier_ref TEXT,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  -- SHA-256 of the collection code and the shipment id: the code itself is never stored.
  code_hash TEXT NOT NULL,
  code_failures INTEGER NOT NULL DEFAULT 0,
  code_locked_until INTEGER,
  at_station_since INTEGER,
  last_transition_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((shipping_address_id IS NULL) <> (pickup_station_id IS NULL))
);
CREATE INDEX shipments_order ON shipments (order_id);
CREATE INDEX shipments_rider ON shipments (rider_id, status, updated_at);
CREATE INDEX shipments_station ON shipments (pickup_station_id, status, at_station_since);
CREATE UNIQUE INDEX shipments_carrier_ref ON shipments (carrier, carrier_ref) WHERE carrier_ref IS NOT NULL;

-- Audit: every status change of a shipment, once (written only by the call whose UPDATE landed).
CREATE TABLE shipment_transitions (
  id TEXT PRIMARY KEY,
  shipment_id TEXT NOT NULL REFERENCES shipments (id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL REFERENCES shipment_statuses (status),
  -- 'logistics', 'usr_…' (rider, agent, admin), 'courier:<carrier>', 'cron'
  actor TEXT NOT NULL,
  reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX shipment_transitions_shipment ON shipment_transitions (shipment_id, created_at);

-- Courier webhook events already applied: a replayed delivery (same carrier event id) moves nothing.
CREATE TABLE courier_events (
  carrier TEXT NOT NULL,
  event_id TEXT NOT NULL,
  shipment_id TEXT NOT NULL,
  status TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (carrier, event_id)
);

-- Which station a station agent works at (assigned by an admin; identity gives the role).
CREATE TABLE station_agents (
  user_id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES pickup_stations (id),
  assigned_at INTEGER NOT NULL
);
