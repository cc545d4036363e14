-- 2022-11: zones replace the single city-wide flat fee
CREATE TABLE delivery_zones (
    id          INTEGER PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    center_lat  REAL NOT NULL,
    center_lng  REAL NOT NULL,
    radius_km   REAL NOT NULL,
    base_fee_cents INTEGER NOT NULL DEFAULT 199,
    per_km_cents   INTEGER NOT NULL DEFAULT 50
);
ALTER TABLE couriers ADD COLUMN zone_id INTEGER REFERENCES delivery_zones(id);
ALTER TABLE deliveries ADD COLUMN zone_id INTEGER REFERENCES delivery_zones(id);
INSERT INTO delivery_zones (name, center_lat, center_lng, radius_km) VALUES ('Centre', 52.3702, 4.8952, 4);
