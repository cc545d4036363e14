-- Riverbend Water Utility - customer information & operations database
-- sqlite3 schema. Run via `python app.py --initdb` or db.init_db()
-- NOTE: keep in sync with migrations/ (we never did finish the migration tool)

PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    username        TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    salt            TEXT,
    full_name       TEXT,
    email           TEXT,
    active          INTEGER NOT NULL DEFAULT 1,
    must_change_pw  INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    last_login      TEXT
);

CREATE TABLE IF NOT EXISTS roles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL UNIQUE,
    description TEXT
);

CREATE TABLE IF NOT EXISTS user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id),
    role_id INTEGER NOT NULL REFERENCES roles(id),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE IF NOT EXISTS login_sessions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_key TEXT NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    ip_addr     TEXT,
    FOREIGN KEY (user_id) REFERENCES users(id)
);

CREATE TABLE IF NOT EXISTS audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER,
    action      TEXT NOT NULL,
    entity      TEXT,
    entity_id   INTEGER,
    detail      TEXT,
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (user_id) REFERENCES users(id)
);

-- customers & accounts --------------------------------------------------

CREATE TABLE IF NOT EXISTS customers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_type   TEXT NOT NULL DEFAULT 'RES',   -- RES, COM, IND, GOV
    first_name      TEXT,
    last_name       TEXT,
    company_name    TEXT,
    id_number       TEXT,
    phone           TEXT,
    mobile          TEXT,
    email           TEXT,
    mailing_address TEXT,
    status          TEXT NOT NULL DEFAULT 'ACTIVE',
    merged_into     INTEGER,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (merged_into) REFERENCES customers(id)
);

CREATE TABLE IF NOT EXISTS premises (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    street_no       TEXT,
    street          TEXT NOT NULL,
    suburb          TEXT,
    zone_code       TEXT,
    erf_number      TEXT,
    property_class  TEXT DEFAULT 'RES',
    latitude        REAL,
    longitude       REAL,
    created_at      TEXT NOT NULL DEFAULT (datetime('now'))
);

CREATE TABLE IF NOT EXISTS tariffs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    customer_class  TEXT NOT NULL,
    fixed_charge    NUMERIC NOT NULL DEFAULT 0,
    sewer_pct       NUMERIC NOT NULL DEFAULT 0,
    effective_from  TEXT NOT NULL,
    effective_to    TEXT,
    active          INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS accounts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_no      TEXT NOT NULL UNIQUE,
    customer_id     INTEGER NOT NULL,
    premise_id      INTEGER NOT NULL,
    tariff_id       INTEGER,
    status          TEXT NOT NULL DEFAULT 'ACTIVE',  -- ACTIVE, SUSPENDED, CLOSED
    billing_cycle   INTEGER NOT NULL DEFAULT 1,
    deposit_amount  NUMERIC DEFAULT 0,
    paperless       INTEGER NOT NULL DEFAULT 0,
    indigent        INTEGER NOT NULL DEFAULT 0,
    medical_hold    INTEGER NOT NULL DEFAULT 0,
    opened_on       TEXT NOT NULL,
    closed_on       TEXT,
    FOREIGN KEY (customer_id) REFERENCES customers(id),
    FOREIGN KEY (premise_id) REFERENCES premises(id),
    FOREIGN KEY (tariff_id) REFERENCES tariffs(id)
);

CREATE TABLE IF NOT EXISTS account_contacts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL,
    name        TEXT NOT NULL,
    phone       TEXT,
    email       TEXT,
    relation    TEXT,
    FOREIGN KEY (account_id) REFERENCES accounts(id)
);

CREATE TABLE IF NOT EXISTS account_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL,
    user_id     INTEGER,
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (account_id) REFERENCES accounts(id),
    FOREIGN KEY (user_id) REFERENCES users(id)
);

-- network / meters --------------------------------------------------------

CREATE TABLE IF NOT EXISTS reading_routes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    route_code      TEXT NOT NULL UNIQUE,
    description     TEXT,
    reader_user_id  INTEGER,
    cycle_day       INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY (reader_user_id) REFERENCES users(id)
);

CREATE TABLE IF NOT EXISTS service_connections (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_no   TEXT NOT NULL UNIQUE,
    premise_id      INTEGER NOT NULL,
    connection_type TEXT NOT NULL DEFAULT 'DOMESTIC',
    pipe_size_mm    INTEGER DEFAULT 20,
    zone_code       TEXT,
    route_id        INTEGER,
    route_seq       INTEGER,
    status          TEXT NOT NULL DEFAULT 'PENDING',  -- PENDING, ACTIVE, DISCONNECTED, ABANDONED
    installed_on    TEXT,
    FOREIGN KEY (premise_id) REFERENCES premises(id),
    FOREIGN KEY (route_id) REFERENCES reading_routes(id)
);

CREATE TABLE IF NOT EXISTS meters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    serial_no   TEXT NOT NULL UNIQUE,
    make        TEXT,
    model       TEXT,
    size_mm     INTEGER DEFAULT 20,
    dials       INTEGER NOT NULL DEFAULT 5,
    multiplier  NUMERIC NOT NULL DEFAULT 1,
    status      TEXT NOT NULL DEFAULT 'STOCK',  -- STOCK, INSTALLED, FAULTY, RETIRED
    purchased_on TEXT
);

CREATE TABLE IF NOT EXISTS meter_installations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    meter_id        INTEGER NOT NULL,
    connection_id   INTEGER NOT NULL,
    installed_on    TEXT NOT NULL,
    removed_on      TEXT,
    initial_read    NUMERIC NOT NULL DEFAULT 0,
    final_read      NUMERIC,
    reason          TEXT,
    FOREIGN KEY (meter_id) REFERENCES meters(id),
    FOREIGN KEY (connection_id) REFERENCES service_connections(id)
);

CREATE TABLE IF NOT EXISTS meter_readings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    meter_id        INTEGER NOT NULL,
    connection_id   INTEGER NOT NULL,
    read_date       TEXT NOT NULL,
    reading         NUMERIC NOT NULL,
    read_type       TEXT NOT NULL DEFAULT 'A',   -- A=actual E=estimated C=customer F=final
    reader_id       INTEGER,
    route_id        INTEGER,
    status          TEXT NOT NULL DEFAULT 'VALID',
    consumption     NUMERIC,
    billed          INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY (meter_id) REFERENCES meters(id),
    FOREIGN KEY (connection_id) REFERENCES service_connections(id),
    FOREIGN KEY (route_id) REFERENCES reading_routes(id),
    FOREIGN KEY (reader_id) REFERENCES users(id)
);

CREATE TABLE IF NOT EXISTS read_exceptions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    reading_id  INTEGER NOT NULL,
    code        TEXT NOT NULL,   -- HIGH, LOW, NEG, NOACC, DOG, TAMPER
    note        TEXT,
    resolved    INTEGER NOT NULL DEFAULT 0,
    resolved_by INTEGER,
    resolved_at TEXT,
    FOREIGN KEY (reading_id) REFERENCES meter_readings(id)
);

-- billing -------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS tariff_blocks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tariff_id   INTEGER NOT NULL,
    block_no    INTEGER NOT NULL,
    from_kl     NUMERIC NOT NULL,
    to_kl       NUMERIC,
    rate        NUMERIC NOT NULL,
    FOREIGN KEY (tariff_id) REFERENCES tariffs(id)
);

CREATE TABLE IF NOT EXISTS billing_runs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    cycle           INTEGER NOT NULL,
    period_start    TEXT NOT NULL,
    period_end      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'OPEN',
    started_at      TEXT,
    finished_at     TEXT,
    bill_count      INTEGER DEFAULT 0,
    total_billed    NUMERIC DEFAULT 0,
    run_by          INTEGER,
    FOREIGN KEY (run_by) REFERENCES users(id)
);

CREATE TABLE IF NOT EXISTS bills (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    bill_no         TEXT,
    account_id      INTEGER NOT NULL,
    run_id          INTEGER,
    bill_date       TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    period_start    TEXT,
    period_end      TEXT,
    reading_from_id INTEGER,
    reading_to_id   INTEGER,
    consumption_kl  NUMERIC DEFAULT 0,
    amount_water    NUMERIC DEFAULT 0,
    amount_sewer    NUMERIC DEFAULT 0,
    amount_fixed    NUMERIC DEFAULT 0,
    amount_tax      NUMERIC DEFAULT 0,
    total           NUMERIC NOT NULL DEFAULT 0,
    balance_forward NUMERIC DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'DRAFT',   -- DRAFT, POSTED, PAID, PART, VOID
    FOREIGN KEY (account_id) REFERENCES accounts(id),
    FOREIGN KEY (run_id) REFERENCES billing_runs(id),
    FOREIGN KEY (reading_from_id) REFERENCES meter_readings(id),
    FOREIGN KEY (reading_to_id) REFERENCES meter_readings(id)
);

CREATE TABLE IF NOT EXISTS bill_lines (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    bill_id     INTEGER NOT NULL,
    line_type   TEXT NOT NULL,
    description TEXT,
    qty         NUMERIC,
    rate        NUMERIC,
    amount      NUMERIC NOT NULL,
    FOREIGN KEY (bill_id) REFERENCES bills(id)
);

CREATE TABLE IF NOT EXISTS bill_adjustments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL,
    bill_id     INTEGER,
    amount      NUMERIC NOT NULL,
    reason      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'PENDING',
    created_by  INTEGER,
    approved_by INTEGER,
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (account_id) REFERENCES accounts(id),
    FOREIGN KEY (bill_id) REFERENCES bills(id),
    FOREIGN KEY (approved_by) REFERENCES users(id)
);

-- payments / collections ----------------------------------------------------

CREATE TABLE IF NOT EXISTS payment_batches (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    source          TEXT NOT NULL,    -- LOCKBOX, COUNTER, DEBIT, EFT
    file_name       TEXT,
    received_at     TEXT NOT NULL,
    record_count    INTEGER DEFAULT 0,
    total           NUMERIC DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'OPEN'
);

CREATE TABLE IF NOT EXISTS payments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL,
    batch_id    INTEGER,
    amount      NUMERIC NOT NULL,
    method      TEXT NOT NULL DEFAULT 'CASH',
    reference   TEXT,
    received_at TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'POSTED',  -- POSTED, REVERSED, RETURNED
    captured_by INTEGER,
    FOREIGN KEY (account_id) REFERENCES accounts(id),
    FOREIGN KEY (batch_id) REFERENCES payment_batches(id),
    FOREIGN KEY (captured_by) REFERENCES users(id)
);

CREATE TABLE IF NOT EXISTS payment_allocations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id  INTEGER NOT NULL,
    bill_id     INTEGER NOT NULL,
    amount      NUMERIC NOT NULL,
    allocated_at TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (payment_id) REFERENCES payments(id),
    FOREIGN KEY (bill_id) REFERENCES bills(id)
);

CREATE TABLE IF NOT EXISTS refunds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL,
    payment_id  INTEGER,
    amount      NUMERIC NOT NULL,
    reason      TEXT,
    status      TEXT NOT NULL DEFAULT 'REQUESTED',
    approved_by INTEGER,
    paid_at     TEXT,
    FOREIGN KEY (account_id) REFERENCES accounts(id),
    FOREIGN KEY (payment_id) REFERENCES payments(id)
);

CREATE TABLE IF NOT EXISTS payment_plans (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      INTEGER NOT NULL,
    total_amount    NUMERIC NOT NULL,
    installments    INTEGER NOT NULL,
    start_date      TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'ACTIVE',  -- ACTIVE, COMPLETED, DEFAULTED, CANCELLED
    created_by      INTEGER,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (account_id) REFERENCES accounts(id)
);

CREATE TABLE IF NOT EXISTS plan_installments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id     INTEGER NOT NULL,
    seq         INTEGER NOT NULL,
    due_date    TEXT NOT NULL,
    amount      NUMERIC NOT NULL,
    paid_amount NUMERIC NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'DUE',
    FOREIGN KEY (plan_id) REFERENCES payment_plans(id)
);

CREATE TABLE IF NOT EXISTS dunning_notices (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      INTEGER NOT NULL,
    notice_type     TEXT NOT NULL,   -- REMINDER, FINAL, DISCONNECT
    arrears_amount  NUMERIC NOT NULL,
    issued_on       TEXT NOT NULL,
    due_by          TEXT,
    status          TEXT NOT NULL DEFAULT 'ISSUED',
    FOREIGN KEY (account_id) REFERENCES accounts(id)
);

-- field operations -----------------------------------------------------------

CREATE TABLE IF NOT EXISTS crews (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT NOT NULL,
    depot           TEXT,
    supervisor_id   INTEGER,
    active          INTEGER NOT NULL DEFAULT 1,
    FOREIGN KEY (supervisor_id) REFERENCES users(id)
);

CREATE TABLE IF NOT EXISTS crew_members (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    crew_id     INTEGER NOT NULL,
    user_id     INTEGER,
    name        TEXT NOT NULL,
    role        TEXT,
    FOREIGN KEY (crew_id) REFERENCES crews(id),
    FOREIGN KEY (user_id) REFERENCES users(id)
);

CREATE TABLE IF NOT EXISTS work_orders (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    wo_no           TEXT UNIQUE,
    wo_type         TEXT NOT NULL,  -- LEAK, METER_EXCH, METER_INST, DISCONNECT, RECONNECT, SAMPLE, INSPECT, NEWCONN
    priority        INTEGER NOT NULL DEFAULT 3,
    status          TEXT NOT NULL DEFAULT 'NEW',
    premise_id      INTEGER,
    connection_id   INTEGER,
    account_id      INTEGER,
    description     TEXT,
    source          TEXT,
    source_ref      INTEGER,
    assigned_crew_id INTEGER,
    scheduled_for   TEXT,
    created_by      INTEGER,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    completed_at    TEXT,
    completion_notes TEXT,
    FOREIGN KEY (premise_id) REFERENCES premises(id),
    FOREIGN KEY (connection_id) REFERENCES service_connections(id),
    FOREIGN KEY (assigned_crew_id) REFERENCES crews(id)
);

CREATE TABLE IF NOT EXISTS wo_status_history (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    work_order_id   INTEGER NOT NULL,
    old_status      TEXT,
    new_status      TEXT NOT NULL,
    changed_by      INTEGER,
    changed_at      TEXT NOT NULL DEFAULT (datetime('now')),
    note            TEXT,
    FOREIGN KEY (work_order_id) REFERENCES work_orders(id)
);

CREATE TABLE IF NOT EXISTS work_order_materials (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    work_order_id   INTEGER NOT NULL,
    item_code       TEXT NOT NULL,
    description     TEXT,
    qty             NUMERIC NOT NULL DEFAULT 1,
    unit_cost       NUMERIC NOT NULL DEFAULT 0,
    FOREIGN KEY (work_order_id) REFERENCES work_orders(id)
);

CREATE TABLE IF NOT EXISTS disconnections (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id      INTEGER NOT NULL,
    connection_id   INTEGER NOT NULL,
    notice_id       INTEGER,
    work_order_id   INTEGER,
    status          TEXT NOT NULL DEFAULT 'SCHEDULED',  -- SCHEDULED, DONE, CANCELLED, RECONNECT_REQ, RECONNECTED
    scheduled_on    TEXT,
    disconnected_on TEXT,
    reconnect_wo_id INTEGER,
    reconnected_on  TEXT,
    reconnection_fee NUMERIC DEFAULT 0,
    FOREIGN KEY (account_id) REFERENCES accounts(id),
    FOREIGN KEY (connection_id) REFERENCES service_connections(id),
    FOREIGN KEY (notice_id) REFERENCES dunning_notices(id),
    FOREIGN KEY (work_order_id) REFERENCES work_orders(id)
);

-- water quality -----------------------------------------------------------------

CREATE TABLE IF NOT EXISTS sampling_points (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL UNIQUE,
    description TEXT,
    zone_code   TEXT,
    point_type  TEXT,   -- RESERVOIR, TAP, HYDRANT, PLANT_OUT
    frequency_days INTEGER NOT NULL DEFAULT 30,
    latitude    REAL,
    longitude   REAL,
    active      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS quality_parameters (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    unit        TEXT,
    min_limit   NUMERIC,
    max_limit   NUMERIC,
    critical    INTEGER NOT NULL DEFAULT 0,
    method      TEXT
);

CREATE TABLE IF NOT EXISTS lab_samples (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_no       TEXT NOT NULL UNIQUE,
    point_id        INTEGER NOT NULL,
    scheduled_for   TEXT,
    collected_at    TEXT,
    collected_by    INTEGER,
    work_order_id   INTEGER,
    received_at     TEXT,
    lab_ref         TEXT,
    status          TEXT NOT NULL DEFAULT 'SCHEDULED',  -- SCHEDULED, COLLECTED, RECEIVED, TESTED, FAILED
    FOREIGN KEY (point_id) REFERENCES sampling_points(id),
    FOREIGN KEY (work_order_id) REFERENCES work_orders(id)
);

CREATE TABLE IF NOT EXISTS sample_results (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id       INTEGER NOT NULL,
    parameter_id    INTEGER NOT NULL,
    value           NUMERIC,
    qualifier       TEXT,
    analysed_at     TEXT,
    analyst         TEXT,
    passed          INTEGER,
    FOREIGN KEY (sample_id) REFERENCES lab_samples(id),
    FOREIGN KEY (parameter_id) REFERENCES quality_parameters(id)
);

CREATE TABLE IF NOT EXISTS quality_violations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    sample_id       INTEGER NOT NULL,
    parameter_id    INTEGER NOT NULL,
    severity        TEXT NOT NULL DEFAULT 'MINOR',
    detected_at     TEXT NOT NULL,
    advisory_issued INTEGER NOT NULL DEFAULT 0,
    notified_at     TEXT,
    closed_at       TEXT,
    notes           TEXT,
    FOREIGN KEY (sample_id) REFERENCES lab_samples(id),
    FOREIGN KEY (parameter_id) REFERENCES quality_parameters(id)
);

-- complaints -------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS complaint_categories (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    sla_hours       INTEGER NOT NULL DEFAULT 72,
    creates_wo      INTEGER NOT NULL DEFAULT 0,
    default_wo_type TEXT
);

CREATE TABLE IF NOT EXISTS complaints (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ref_no          TEXT NOT NULL UNIQUE,
    account_id      INTEGER,
    premise_id      INTEGER,
    category_id     INTEGER NOT NULL,
    channel         TEXT DEFAULT 'PHONE',
    caller_name     TEXT,
    caller_phone    TEXT,
    description     TEXT,
    status          TEXT NOT NULL DEFAULT 'OPEN',   -- OPEN, ASSIGNED, ESCALATED, RESOLVED, CLOSED
    assigned_to     INTEGER,
    work_order_id   INTEGER,
    received_at     TEXT NOT NULL,
    received_by     INTEGER,
    due_at          TEXT,
    closed_at       TEXT,
    resolution      TEXT,
    FOREIGN KEY (account_id) REFERENCES accounts(id),
    FOREIGN KEY (premise_id) REFERENCES premises(id),
    FOREIGN KEY (category_id) REFERENCES complaint_categories(id),
    FOREIGN KEY (work_order_id) REFERENCES work_orders(id)
);

CREATE TABLE IF NOT EXISTS complaint_actions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    complaint_id    INTEGER NOT NULL,
    action          TEXT NOT NULL,
    note            TEXT,
    user_id         INTEGER,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    FOREIGN KEY (complaint_id) REFERENCES complaints(id),
    FOREIGN KEY (user_id) REFERENCES users(id)
);

-- indexes ----------------------------------------------------------------------

CREATE INDEX IF NOT EXISTS idx_accounts_customer ON accounts(customer_id);
CREATE INDEX IF NOT EXISTS idx_accounts_premise ON accounts(premise_id);
CREATE INDEX IF NOT EXISTS idx_conn_premise ON service_connections(premise_id);
CREATE INDEX IF NOT EXISTS idx_readings_meter_date ON meter_readings(meter_id, read_date);
CREATE INDEX IF NOT EXISTS idx_readings_conn ON meter_readings(connection_id);
CREATE INDEX IF NOT EXISTS idx_bills_account ON bills(account_id, bill_date);
CREATE INDEX IF NOT EXISTS idx_payments_account ON payments(account_id);
CREATE INDEX IF NOT EXISTS idx_alloc_bill ON payment_allocations(bill_id);
CREATE INDEX IF NOT EXISTS idx_wo_status ON work_orders(status, scheduled_for);
CREATE INDEX IF NOT EXISTS idx_samples_point ON lab_samples(point_id, collected_at);
CREATE INDEX IF NOT EXISTS idx_complaints_status ON complaints(status, due_at);

-- views --------------------------------------------------------------------------

CREATE VIEW IF NOT EXISTS v_account_balance AS
    SELECT a.id AS account_id,
           a.account_no,
           COALESCE((SELECT SUM(b.total) FROM bills b
                      WHERE b.account_id = a.id AND b.status IN ('POSTED','PAID','PART')), 0)
         + COALESCE((SELECT SUM(j.amount) FROM bill_adjustments j
                      WHERE j.account_id = a.id AND j.status = 'APPROVED'), 0)
         - COALESCE((SELECT SUM(p.amount) FROM payments p
                      WHERE p.account_id = a.id AND p.status = 'POSTED'), 0) AS balance
      FROM accounts a;

CREATE VIEW IF NOT EXISTS v_current_meter AS
    SELECT mi.connection_id, mi.meter_id, m.serial_no, m.dials, m.multiplier, mi.installed_on
      FROM meter_installations mi
      JOIN meters m ON m.id = mi.meter_id
     WHERE mi.removed_on IS NULL;

CREATE VIEW IF NOT EXISTS v_open_work_orders AS
    SELECT w.*, c.name AS crew_name
      FROM work_orders w
      LEFT JOIN crews c ON c.id = w.assigned_crew_id
     WHERE w.status NOT IN ('DONE', 'CANCELLED');
