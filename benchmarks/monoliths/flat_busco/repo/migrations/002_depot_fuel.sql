-- 002: bulk fuel at depots + fuel card transactions (replaces the pump spreadsheet)
CREATE TABLE fuel_tanks (
    id              SERIAL PRIMARY KEY,
    depot_id        INTEGER NOT NULL REFERENCES depots(id),
    fuel_type       VARCHAR(10) NOT NULL DEFAULT 'diesel',
    capacity_litres INTEGER NOT NULL,
    current_litres  NUMERIC(10,1) NOT NULL DEFAULT 0,
    reorder_level   INTEGER NOT NULL DEFAULT 5000
);

CREATE TABLE fuel_deliveries (
    id              SERIAL PRIMARY KEY,
    tank_id         INTEGER NOT NULL REFERENCES fuel_tanks(id),
    supplier        VARCHAR(80),
    delivered_at    TIMESTAMP NOT NULL,
    litres          NUMERIC(10,1) NOT NULL,
    price_per_litre_pence NUMERIC(8,3),
    invoice_ref     VARCHAR(40)
);

CREATE TABLE fuel_issues (
    id              SERIAL PRIMARY KEY,
    tank_id         INTEGER REFERENCES fuel_tanks(id),
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    issued_at       TIMESTAMP NOT NULL DEFAULT now(),
    litres          NUMERIC(8,1) NOT NULL,
    odometer        INTEGER,
    issued_by       VARCHAR(80),
    source          VARCHAR(6) NOT NULL DEFAULT 'pump',
    card_txn_ref    VARCHAR(40)
);

INSERT INTO fuel_tanks (depot_id, fuel_type, capacity_litres, reorder_level)
    SELECT id, 'diesel', 40000, 8000 FROM depots;
