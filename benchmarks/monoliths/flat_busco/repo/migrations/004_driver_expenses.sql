-- 004: driver expense claims, paid through Sage payroll
CREATE TABLE mileage_rates (
    id              SERIAL PRIMARY KEY,
    description     VARCHAR(60),
    pence_per_mile  NUMERIC(5,1) NOT NULL,
    valid_from      DATE NOT NULL,
    valid_to        DATE
);
INSERT INTO mileage_rates (description, pence_per_mile, valid_from) VALUES ('HMRC AMAP car', 45.0, '2011-04-06');

CREATE TABLE payroll_exports (
    id              SERIAL PRIMARY KEY,
    period_start    DATE NOT NULL,
    period_end      DATE NOT NULL,
    created_at      TIMESTAMP DEFAULT now(),
    created_by      INTEGER,
    filename        VARCHAR(200),
    claim_count     INTEGER,
    total_pence     INTEGER,
    sent_to_sage_at TIMESTAMP
);

CREATE TABLE expense_claims (
    id              SERIAL PRIMARY KEY,
    driver_id       INTEGER NOT NULL REFERENCES drivers(id),
    claim_month     DATE NOT NULL,
    submitted_at    TIMESTAMP DEFAULT now(),
    status          VARCHAR(10) DEFAULT 'submitted',
    approved_by     INTEGER,
    approved_at     TIMESTAMP,
    rejected_reason TEXT,
    payroll_export_id INTEGER REFERENCES payroll_exports(id),
    total_pence     INTEGER DEFAULT 0
);

CREATE TABLE expense_lines (
    id              SERIAL PRIMARY KEY,
    claim_id        INTEGER NOT NULL REFERENCES expense_claims(id) ON DELETE CASCADE,
    line_date       DATE NOT NULL,
    category        VARCHAR(10) NOT NULL,
    description     TEXT,
    duty_id         INTEGER,
    miles           NUMERIC(6,1),
    amount_pence    INTEGER NOT NULL,
    receipt_ref     VARCHAR(60)
);
