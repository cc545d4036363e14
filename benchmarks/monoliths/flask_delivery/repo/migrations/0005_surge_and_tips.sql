ALTER TABLE delivery_zones ADD COLUMN surge REAL NOT NULL DEFAULT 1.0;
ALTER TABLE orders ADD COLUMN tip_cents INTEGER NOT NULL DEFAULT 0;
CREATE INDEX idx_deliveries_courier ON deliveries(courier_id, status);
