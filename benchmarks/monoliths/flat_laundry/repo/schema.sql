-- schema.sql
-- LHS (Linen Hire System) database schema.
-- Maintained by hand. Apply changes with psql and update this file!!
-- Last big tidy: 2013-04 (RW). RFID tables added 2013-10 (DK).

-- ------------------------------------------------------------------
-- staff / users / shifts
-- ------------------------------------------------------------------
CREATE TABLE staff (
    id            SERIAL PRIMARY KEY,
    payroll_no    VARCHAR(12) UNIQUE,
    first_name    VARCHAR(60) NOT NULL,
    last_name     VARCHAR(60) NOT NULL,
    role          VARCHAR(20) NOT NULL,          -- driver / operator / supervisor / office
    depot         VARCHAR(20) NOT NULL DEFAULT 'MAIN',
    phone         VARCHAR(30),
    email         VARCHAR(120),
    hourly_rate   NUMERIC(8,2),
    start_date    DATE,
    leave_date    DATE,
    active        BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE users (
    id            SERIAL PRIMARY KEY,
    staff_id      INTEGER REFERENCES staff(id),
    username      VARCHAR(40) UNIQUE NOT NULL,
    password_hash VARCHAR(128) NOT NULL,
    is_admin      BOOLEAN NOT NULL DEFAULT FALSE,
    last_login    TIMESTAMP
);

CREATE TABLE shifts (
    id            SERIAL PRIMARY KEY,
    shift_date    DATE NOT NULL,
    name          VARCHAR(30) NOT NULL,          -- EARLY / LATE / NIGHT / TRANSPORT
    area          VARCHAR(20) NOT NULL,          -- plant / transport / office
    depot         VARCHAR(20) NOT NULL DEFAULT 'MAIN',
    starts_at     TIME NOT NULL,
    ends_at       TIME NOT NULL,
    headcount     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE shift_assignments (
    id            SERIAL PRIMARY KEY,
    shift_id      INTEGER NOT NULL REFERENCES shifts(id),
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    role          VARCHAR(20),
    confirmed     BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE timesheets (
    id             SERIAL PRIMARY KEY,
    staff_id       INTEGER NOT NULL REFERENCES staff(id),
    work_date      DATE NOT NULL,
    clock_in       TIMESTAMP,
    clock_out      TIMESTAMP,
    hours          NUMERIC(5,2),
    overtime_hours NUMERIC(5,2) DEFAULT 0,
    approved_by    INTEGER REFERENCES users(id),
    exported       BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE training_records (
    id            SERIAL PRIMARY KEY,
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    course        VARCHAR(80) NOT NULL,          -- forklift, COSHH, infection control ...
    completed_on  DATE,
    expires_on    DATE
);

-- ------------------------------------------------------------------
-- customers, sites, contracts, pricing
-- ------------------------------------------------------------------
CREATE TABLE customers (
    id            SERIAL PRIMARY KEY,
    account_no    VARCHAR(10) UNIQUE NOT NULL,
    name          VARCHAR(120) NOT NULL,
    sector        VARCHAR(20) NOT NULL,          -- hotel / hospital / restaurant / care_home
    billing_email VARCHAR(120),
    vat_no        VARCHAR(20),
    credit_limit  NUMERIC(12,2) DEFAULT 0,
    on_stop       BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL DEFAULT now(),
    notes         TEXT
);

CREATE TABLE customer_sites (
    id             SERIAL PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    name           VARCHAR(120) NOT NULL,
    address1       VARCHAR(120),
    address2       VARCHAR(120),
    town           VARCHAR(60),
    postcode       VARCHAR(10),
    delivery_notes TEXT,
    route_id       INTEGER,                       -- FK added below (routes created later)
    active         BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE contacts (
    id            SERIAL PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    site_id       INTEGER REFERENCES customer_sites(id),
    name          VARCHAR(80) NOT NULL,
    phone         VARCHAR(30),
    email         VARCHAR(120),
    role          VARCHAR(40)                     -- housekeeper / accounts / GM
);

-- customer portal logins (2014). Separate from staff users on purpose.
CREATE TABLE portal_users (
    id            SERIAL PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers(id),
    contact_id    INTEGER REFERENCES contacts(id),
    email         VARCHAR(120) UNIQUE NOT NULL,
    password_hash VARCHAR(128) NOT NULL,
    can_order     BOOLEAN NOT NULL DEFAULT TRUE,
    can_see_invoices BOOLEAN NOT NULL DEFAULT FALSE,
    last_login    TIMESTAMP
);

CREATE TABLE price_lists (
    id            SERIAL PRIMARY KEY,
    name          VARCHAR(60) NOT NULL,
    sector        VARCHAR(20),
    valid_from    DATE NOT NULL,
    valid_to      DATE
);

-- linen catalogue needed before contract_lines
CREATE TABLE linen_categories (
    id            SERIAL PRIMARY KEY,
    code          VARCHAR(10) UNIQUE NOT NULL,   -- BED / BATH / TABLE / THEATRE / WORK
    name          VARCHAR(60) NOT NULL
);

CREATE TABLE linen_types (
    id               SERIAL PRIMARY KEY,
    sku              VARCHAR(20) UNIQUE NOT NULL,
    category_id      INTEGER NOT NULL REFERENCES linen_categories(id),
    description      VARCHAR(120) NOT NULL,
    weight_g         INTEGER NOT NULL,
    colour           VARCHAR(20) DEFAULT 'white',
    max_washes       INTEGER DEFAULT 150,
    replacement_cost NUMERIC(8,2),
    active           BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE price_list_items (
    id              SERIAL PRIMARY KEY,
    price_list_id   INTEGER NOT NULL REFERENCES price_lists(id),
    linen_type_id   INTEGER NOT NULL REFERENCES linen_types(id),
    price_per_piece NUMERIC(8,4),
    price_per_kg    NUMERIC(8,4),
    rental_per_week NUMERIC(8,4)
);

CREATE TABLE contracts (
    id                 SERIAL PRIMARY KEY,
    customer_id        INTEGER NOT NULL REFERENCES customers(id),
    contract_no        VARCHAR(20) UNIQUE NOT NULL,
    start_date         DATE NOT NULL,
    end_date           DATE,
    status             VARCHAR(12) NOT NULL DEFAULT 'draft', -- draft / live / ended
    billing_basis      VARCHAR(12) NOT NULL DEFAULT 'per_piece', -- per_piece / per_kg / rental
    price_list_id      INTEGER REFERENCES price_lists(id),
    min_weekly_charge  NUMERIC(10,2) DEFAULT 0,
    payment_terms_days INTEGER NOT NULL DEFAULT 30
);

CREATE TABLE contract_lines (
    id            SERIAL PRIMARY KEY,
    contract_id   INTEGER NOT NULL REFERENCES contracts(id),
    linen_type_id INTEGER NOT NULL REFERENCES linen_types(id),
    rental_qty    INTEGER DEFAULT 0,
    unit_price    NUMERIC(8,4),                  -- overrides price list when set
    wash_price    NUMERIC(8,4)
);

-- ------------------------------------------------------------------
-- linen stock
-- ------------------------------------------------------------------
CREATE TABLE stock_levels (
    id            SERIAL PRIMARY KEY,
    linen_type_id INTEGER NOT NULL REFERENCES linen_types(id),
    location      VARCHAR(10) NOT NULL,          -- depot / plant / site / transit
    site_id       INTEGER REFERENCES customer_sites(id),
    qty           INTEGER NOT NULL DEFAULT 0,
    updated_at    TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE stock_movements (
    id            SERIAL PRIMARY KEY,
    linen_type_id INTEGER NOT NULL REFERENCES linen_types(id),
    qty           INTEGER NOT NULL,
    from_location VARCHAR(10),
    to_location   VARCHAR(10),
    site_id       INTEGER REFERENCES customer_sites(id),
    reason        VARCHAR(30),
    ref_table     VARCHAR(30),
    ref_id        INTEGER,
    moved_at      TIMESTAMP NOT NULL DEFAULT now(),
    moved_by      INTEGER REFERENCES users(id)
);

CREATE TABLE par_levels (
    id            SERIAL PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES customer_sites(id),
    linen_type_id INTEGER NOT NULL REFERENCES linen_types(id),
    par_qty       INTEGER NOT NULL,
    reviewed_on   DATE
);

CREATE TABLE write_offs (
    id             SERIAL PRIMARY KEY,
    linen_type_id  INTEGER NOT NULL REFERENCES linen_types(id),
    qty            INTEGER NOT NULL,
    reason         VARCHAR(30) NOT NULL,         -- condemned / lost / damaged_by_customer
    site_id        INTEGER REFERENCES customer_sites(id),
    cost           NUMERIC(10,2),
    written_off_at TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE stocktakes (
    id            SERIAL PRIMARY KEY,
    site_id       INTEGER REFERENCES customer_sites(id),
    linen_type_id INTEGER NOT NULL REFERENCES linen_types(id),
    expected_qty  INTEGER,
    counted_qty   INTEGER,
    counted_on    DATE NOT NULL,
    counted_by    INTEGER REFERENCES staff(id),
    method        VARCHAR(10) DEFAULT 'manual'   -- manual / rfid
);

-- ------------------------------------------------------------------
-- transport: vans, routes, collections, deliveries
-- ------------------------------------------------------------------
CREATE TABLE vans (
    id            SERIAL PRIMARY KEY,
    reg_no        VARCHAR(10) UNIQUE NOT NULL,
    depot         VARCHAR(20) NOT NULL DEFAULT 'MAIN',
    capacity_kg   INTEGER NOT NULL,
    mot_due       DATE,
    active        BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE routes (
    id            SERIAL PRIMARY KEY,
    code          VARCHAR(10) UNIQUE NOT NULL,
    name          VARCHAR(60),
    depot         VARCHAR(20) NOT NULL DEFAULT 'MAIN',
    day_of_week   INTEGER NOT NULL,              -- 0 = Monday
    van_id        INTEGER REFERENCES vans(id),
    driver_id     INTEGER REFERENCES staff(id),
    active        BOOLEAN NOT NULL DEFAULT TRUE
);

ALTER TABLE customer_sites ADD CONSTRAINT customer_sites_route_fk
    FOREIGN KEY (route_id) REFERENCES routes(id);

CREATE TABLE route_stops (
    id            SERIAL PRIMARY KEY,
    route_id      INTEGER NOT NULL REFERENCES routes(id),
    site_id       INTEGER NOT NULL REFERENCES customer_sites(id),
    seq           INTEGER NOT NULL,
    eta           TIME
);

CREATE TABLE collections (
    id              SERIAL PRIMARY KEY,
    site_id         INTEGER NOT NULL REFERENCES customer_sites(id),
    route_id        INTEGER REFERENCES routes(id),
    driver_id       INTEGER REFERENCES staff(id),
    collected_at    TIMESTAMP NOT NULL DEFAULT now(),
    bag_count       INTEGER NOT NULL DEFAULT 0,
    total_weight_kg NUMERIC(8,2),
    status          VARCHAR(12) NOT NULL DEFAULT 'collected', -- collected / received / processed
    signed_by       VARCHAR(60)
);

CREATE TABLE collection_bags (
    id            SERIAL PRIMARY KEY,
    collection_id INTEGER NOT NULL REFERENCES collections(id),
    bag_barcode   VARCHAR(20) NOT NULL,
    weight_kg     NUMERIC(6,2),
    category_id   INTEGER REFERENCES linen_categories(id),
    soil_type     VARCHAR(10) NOT NULL DEFAULT 'normal' -- normal / foul / infected
);

CREATE TABLE deliveries (
    id            SERIAL PRIMARY KEY,
    site_id       INTEGER NOT NULL REFERENCES customer_sites(id),
    route_id      INTEGER REFERENCES routes(id),
    delivery_date DATE NOT NULL,
    status        VARCHAR(12) NOT NULL DEFAULT 'planned', -- planned / loaded / delivered / short
    delivered_at  TIMESTAMP,
    signed_by     VARCHAR(60),
    invoiced      BOOLEAN NOT NULL DEFAULT FALSE,
    invoice_id    INTEGER                         -- set by billing, no FK (circular)
);

CREATE TABLE delivery_lines (
    id            SERIAL PRIMARY KEY,
    delivery_id   INTEGER NOT NULL REFERENCES deliveries(id),
    linen_type_id INTEGER NOT NULL REFERENCES linen_types(id),
    qty_ordered   INTEGER NOT NULL,
    qty_delivered INTEGER
);

-- ------------------------------------------------------------------
-- plant: machines, programmes, batches
-- ------------------------------------------------------------------
CREATE TABLE machines (
    id            SERIAL PRIMARY KEY,
    code          VARCHAR(10) UNIQUE NOT NULL,
    kind          VARCHAR(10) NOT NULL,          -- washer / tunnel / dryer / ironer / folder
    capacity_kg   INTEGER,
    status        VARCHAR(10) NOT NULL DEFAULT 'ok', -- ok / fault / service
    installed_on  DATE,
    depot         VARCHAR(20) NOT NULL DEFAULT 'MAIN'
);

CREATE TABLE wash_programs (
    id            SERIAL PRIMARY KEY,
    code          VARCHAR(10) UNIQUE NOT NULL,
    name          VARCHAR(60),
    temp_c        INTEGER NOT NULL,
    minutes       INTEGER NOT NULL,
    chem_profile  VARCHAR(20),
    for_soil_type VARCHAR(10) DEFAULT 'normal'
);

CREATE TABLE wash_batches (
    id            SERIAL PRIMARY KEY,
    batch_no      VARCHAR(20) UNIQUE NOT NULL,
    machine_id    INTEGER NOT NULL REFERENCES machines(id),
    program_id    INTEGER NOT NULL REFERENCES wash_programs(id),
    operator_id   INTEGER REFERENCES staff(id),
    started_at    TIMESTAMP,
    finished_at   TIMESTAMP,
    weight_kg     NUMERIC(8,2),
    status        VARCHAR(10) NOT NULL DEFAULT 'open' -- open / running / done / failed
);

CREATE TABLE batch_loads (
    id                SERIAL PRIMARY KEY,
    batch_id          INTEGER NOT NULL REFERENCES wash_batches(id),
    collection_bag_id INTEGER REFERENCES collection_bags(id),
    weight_kg         NUMERIC(6,2)
);

CREATE TABLE machine_faults (
    id            SERIAL PRIMARY KEY,
    machine_id    INTEGER NOT NULL REFERENCES machines(id),
    reported_at   TIMESTAMP NOT NULL DEFAULT now(),
    reported_by   INTEGER REFERENCES staff(id),
    description   TEXT,
    resolved_at   TIMESTAMP,
    downtime_min  INTEGER
);

CREATE TABLE maintenance_jobs (
    id            SERIAL PRIMARY KEY,
    machine_id    INTEGER NOT NULL REFERENCES machines(id),
    kind          VARCHAR(20) NOT NULL,          -- service / calibration / belt / bearings
    due_on        DATE NOT NULL,
    done_on       DATE,
    engineer      VARCHAR(60),
    notes         TEXT
);

CREATE TABLE chemical_usage (
    id            SERIAL PRIMARY KEY,
    batch_id      INTEGER NOT NULL REFERENCES wash_batches(id),
    chemical      VARCHAR(30) NOT NULL,
    ml            INTEGER NOT NULL,
    cost          NUMERIC(8,4)
);

-- ------------------------------------------------------------------
-- quality
-- ------------------------------------------------------------------
CREATE TABLE reject_reasons (
    id            SERIAL PRIMARY KEY,
    code          VARCHAR(10) UNIQUE NOT NULL,
    description   VARCHAR(80),
    action        VARCHAR(10) NOT NULL           -- rewash / repair / condemn
);

CREATE TABLE inspections (
    id              SERIAL PRIMARY KEY,
    batch_id        INTEGER NOT NULL REFERENCES wash_batches(id),
    inspector_id    INTEGER REFERENCES staff(id),
    inspected_at    TIMESTAMP NOT NULL DEFAULT now(),
    pieces_checked  INTEGER NOT NULL DEFAULT 0,
    pieces_rejected INTEGER NOT NULL DEFAULT 0,
    result          VARCHAR(10)                  -- pass / fail / partial
);

-- rfid tags needed for rejects.rfid_tag_id
CREATE TABLE rfid_tag_batches (
    id            SERIAL PRIMARY KEY,
    supplier      VARCHAR(60),
    ordered_on    DATE,
    qty           INTEGER,
    first_epc     VARCHAR(32),
    last_epc      VARCHAR(32),
    cost_per_tag  NUMERIC(6,4)
);

CREATE TABLE rfid_tags (
    id            SERIAL PRIMARY KEY,
    epc           VARCHAR(32) UNIQUE NOT NULL,
    linen_type_id INTEGER REFERENCES linen_types(id),
    tag_batch_id  INTEGER REFERENCES rfid_tag_batches(id),
    status        VARCHAR(10) NOT NULL DEFAULT 'active', -- active / lost / retired
    wash_count    INTEGER NOT NULL DEFAULT 0,
    last_seen_at  TIMESTAMP,
    last_location VARCHAR(12),
    site_id       INTEGER REFERENCES customer_sites(id)
);

CREATE TABLE rejects (
    id            SERIAL PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    linen_type_id INTEGER NOT NULL REFERENCES linen_types(id),
    reason_id     INTEGER NOT NULL REFERENCES reject_reasons(id),
    qty           INTEGER NOT NULL DEFAULT 1,
    rfid_tag_id   INTEGER REFERENCES rfid_tags(id),
    created_at    TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE rewash_queue (
    id            SERIAL PRIMARY KEY,
    reject_id     INTEGER NOT NULL REFERENCES rejects(id),
    queued_at     TIMESTAMP NOT NULL DEFAULT now(),
    batch_id      INTEGER REFERENCES wash_batches(id),
    done          BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE complaints (
    id               SERIAL PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers(id),
    site_id          INTEGER REFERENCES customer_sites(id),
    delivery_id      INTEGER REFERENCES deliveries(id),
    received_at      TIMESTAMP NOT NULL DEFAULT now(),
    category         VARCHAR(20),                -- stain / damage / short / late / other
    description      TEXT,
    status           VARCHAR(10) NOT NULL DEFAULT 'open',
    credit_requested NUMERIC(10,2),
    resolved_at      TIMESTAMP
);

-- ------------------------------------------------------------------
-- rfid (rest)
-- ------------------------------------------------------------------
CREATE TABLE rfid_readers (
    id             SERIAL PRIMARY KEY,
    code           VARCHAR(12) UNIQUE NOT NULL,
    location       VARCHAR(12) NOT NULL,         -- dirty_in / clean_out / van / site
    site_id        INTEGER REFERENCES customer_sites(id),
    ip_address     VARCHAR(40),
    last_heartbeat TIMESTAMP
);

CREATE TABLE rfid_reads (
    id            BIGSERIAL PRIMARY KEY,
    reader_id     INTEGER NOT NULL REFERENCES rfid_readers(id),
    epc           VARCHAR(32) NOT NULL,
    read_at       TIMESTAMP NOT NULL,
    processed     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX rfid_reads_unprocessed ON rfid_reads (processed) WHERE NOT processed;

CREATE TABLE unreturned_items (
    id              SERIAL PRIMARY KEY,
    tag_id          INTEGER NOT NULL REFERENCES rfid_tags(id),
    site_id         INTEGER REFERENCES customer_sites(id),
    since           TIMESTAMP NOT NULL,
    flagged_on      DATE NOT NULL,
    charged         BOOLEAN NOT NULL DEFAULT FALSE,
    invoice_line_id INTEGER
);

-- ------------------------------------------------------------------
-- billing
-- ------------------------------------------------------------------
CREATE TABLE vat_rates (
    id            SERIAL PRIMARY KEY,
    code          VARCHAR(4) NOT NULL,           -- S / Z / E
    rate          NUMERIC(5,4) NOT NULL,
    valid_from    DATE NOT NULL,
    valid_to      DATE
);

CREATE TABLE billing_runs (
    id            SERIAL PRIMARY KEY,
    period_start  DATE NOT NULL,
    period_end    DATE NOT NULL,
    run_at        TIMESTAMP NOT NULL DEFAULT now(),
    run_by        INTEGER REFERENCES users(id),
    invoice_count INTEGER DEFAULT 0,
    total         NUMERIC(12,2) DEFAULT 0
);

CREATE TABLE invoices (
    id             SERIAL PRIMARY KEY,
    invoice_no     VARCHAR(12) UNIQUE NOT NULL,
    customer_id    INTEGER NOT NULL REFERENCES customers(id),
    contract_id    INTEGER REFERENCES contracts(id),
    billing_run_id INTEGER REFERENCES billing_runs(id),
    issue_date     DATE NOT NULL,
    due_date       DATE NOT NULL,
    net            NUMERIC(12,2) NOT NULL DEFAULT 0,
    vat            NUMERIC(12,2) NOT NULL DEFAULT 0,
    gross          NUMERIC(12,2) NOT NULL DEFAULT 0,
    status         VARCHAR(10) NOT NULL DEFAULT 'draft', -- draft / issued / paid / void
    sent_at        TIMESTAMP,
    exported       BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE invoice_lines (
    id            SERIAL PRIMARY KEY,
    invoice_id    INTEGER NOT NULL REFERENCES invoices(id),
    description   VARCHAR(200) NOT NULL,
    qty           NUMERIC(10,2) NOT NULL,
    unit_price    NUMERIC(10,4) NOT NULL,
    line_total    NUMERIC(12,2) NOT NULL,
    vat_code      VARCHAR(4) NOT NULL DEFAULT 'S',
    delivery_id   INTEGER REFERENCES deliveries(id),
    linen_type_id INTEGER REFERENCES linen_types(id)
);

CREATE TABLE payments (
    id            SERIAL PRIMARY KEY,
    invoice_id    INTEGER NOT NULL REFERENCES invoices(id),
    amount        NUMERIC(12,2) NOT NULL,
    paid_on       DATE NOT NULL,
    method        VARCHAR(10),                   -- bacs / cheque / card
    reference     VARCHAR(40)
);

CREATE TABLE credit_notes (
    id            SERIAL PRIMARY KEY,
    credit_no     VARCHAR(12) UNIQUE NOT NULL,
    invoice_id    INTEGER NOT NULL REFERENCES invoices(id),
    complaint_id  INTEGER REFERENCES complaints(id),
    amount        NUMERIC(12,2) NOT NULL,
    reason        VARCHAR(200),
    issued_on     DATE NOT NULL
);

-- ------------------------------------------------------------------
-- views
-- ------------------------------------------------------------------
CREATE VIEW v_customer_balance AS
    SELECT i.customer_id,
           SUM(i.gross) AS invoiced,
           COALESCE(SUM(p.paid), 0) AS paid,
           SUM(i.gross) - COALESCE(SUM(p.paid), 0) AS balance
      FROM invoices i
      LEFT JOIN (SELECT invoice_id, SUM(amount) AS paid FROM payments GROUP BY invoice_id) p
             ON p.invoice_id = i.id
     WHERE i.status IN ('issued', 'paid')
     GROUP BY i.customer_id;

CREATE VIEW v_stock_position AS
    SELECT lt.id AS linen_type_id, lt.sku, lt.description, sl.location,
           SUM(sl.qty) AS qty
      FROM stock_levels sl
      JOIN linen_types lt ON lt.id = sl.linen_type_id
     GROUP BY lt.id, lt.sku, lt.description, sl.location;
