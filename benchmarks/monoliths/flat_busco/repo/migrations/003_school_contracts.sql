-- 003: home-to-school contracts won from the county council tender
CREATE TABLE school_contracts (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES hire_customers(id),
    contract_ref    VARCHAR(20) NOT NULL UNIQUE,
    school_name     VARCHAR(120) NOT NULL,
    route_id        INTEGER,
    start_date      DATE NOT NULL,
    end_date        DATE,
    daily_rate_pence INTEGER NOT NULL,
    vehicle_type    VARCHAR(20),
    pupils          INTEGER,
    am_time         TIME,
    pm_time         TIME,
    status          VARCHAR(10) DEFAULT 'active'
);

ALTER TABLE hire_bookings ADD COLUMN school_contract_id INTEGER REFERENCES school_contracts(id);
ALTER TABLE hire_invoices ADD COLUMN school_contract_id INTEGER REFERENCES school_contracts(id);
ALTER TABLE hire_invoices ALTER COLUMN booking_id DROP NOT NULL;
ALTER TABLE season_passes ADD COLUMN school_contract_id INTEGER;
ALTER TABLE hire_customers ADD COLUMN account_type VARCHAR(12) DEFAULT 'private';
