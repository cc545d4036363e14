-- Busco back office schema (PostgreSQL 9.6+)
-- Current state of the database. New installs: psql -f schema.sql
-- Changes since the initial import live in migrations/ as well - keep both in step!

-- ---------------------------------------------------------------- users / login
CREATE TABLE users (
    id              SERIAL PRIMARY KEY,
    email           VARCHAR(200) NOT NULL UNIQUE,
    full_name       VARCHAR(120) NOT NULL,
    password_hash   VARCHAR(200) NOT NULL,
    role            VARCHAR(20) NOT NULL DEFAULT 'office',  -- admin, scheduler, engineer, care, payroll, hire_desk, office
    depot_id        INTEGER,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP NOT NULL DEFAULT now(),
    last_login      TIMESTAMP
);

CREATE TABLE login_audit (
    id              SERIAL PRIMARY KEY,
    user_id         INTEGER REFERENCES users(id),
    email           VARCHAR(200),
    ip_address      VARCHAR(45),
    success         BOOLEAN NOT NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE password_resets (
    id              SERIAL PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    token           VARCHAR(64) NOT NULL UNIQUE,
    expires_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP
);

-- ---------------------------------------------------------------- depots & fleet
CREATE TABLE depots (
    id              SERIAL PRIMARY KEY,
    code            VARCHAR(4) NOT NULL UNIQUE,
    name            VARCHAR(80) NOT NULL,
    address         TEXT,
    postcode        VARCHAR(10),
    phone           VARCHAR(20)
);

CREATE TABLE vehicles (
    id              SERIAL PRIMARY KEY,
    fleet_no        VARCHAR(10) NOT NULL UNIQUE,
    registration    VARCHAR(10) NOT NULL UNIQUE,
    make            VARCHAR(40),
    model           VARCHAR(60),
    vehicle_type    VARCHAR(20) NOT NULL,   -- single_deck, double_deck, coach, minibus
    seats           INTEGER NOT NULL,
    depot_id        INTEGER REFERENCES depots(id),
    first_reg_date  DATE,
    odometer        INTEGER DEFAULT 0,
    status          VARCHAR(10) NOT NULL DEFAULT 'active',  -- active, vor, sold
    vor_reason      TEXT,
    wheelchair      BOOLEAN DEFAULT FALSE,
    euro_class      VARCHAR(4)
);

CREATE TABLE maintenance_jobs (
    id              SERIAL PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    job_type        VARCHAR(20) NOT NULL,   -- service, repair, pmi, mot_prep
    opened_at       TIMESTAMP NOT NULL DEFAULT now(),
    completed_at    TIMESTAMP,
    mechanic        VARCHAR(80),
    labour_hours    NUMERIC(6,2) DEFAULT 0,
    parts_cost_pence INTEGER DEFAULT 0,
    notes           TEXT,
    status          VARCHAR(12) NOT NULL DEFAULT 'open'
);

CREATE TABLE defects (
    id              SERIAL PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    reported_by_driver_id INTEGER,
    reported_by_user_id   INTEGER,
    reported_at     TIMESTAMP NOT NULL DEFAULT now(),
    description     TEXT NOT NULL,
    severity        VARCHAR(10) NOT NULL DEFAULT 'minor',   -- minor, major, dangerous
    status          VARCHAR(10) NOT NULL DEFAULT 'open',
    closed_at       TIMESTAMP,
    job_id          INTEGER REFERENCES maintenance_jobs(id)
);

CREATE TABLE inspections (
    id              SERIAL PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    inspection_type VARCHAR(10) NOT NULL,   -- pmi, mot, tacho, loler
    due_date        DATE NOT NULL,
    done_date       DATE,
    result          VARCHAR(10),
    certificate_no  VARCHAR(30),
    odometer        INTEGER
);

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
    source          VARCHAR(6) NOT NULL DEFAULT 'pump',  -- pump, card
    card_txn_ref    VARCHAR(40)
);

-- ---------------------------------------------------------------- network / timetables
CREATE TABLE routes (
    id              SERIAL PRIMARY KEY,
    service_no      VARCHAR(8) NOT NULL,
    name            VARCHAR(120) NOT NULL,
    depot_id        INTEGER REFERENCES depots(id),
    route_type      VARCHAR(12) NOT NULL DEFAULT 'commercial',  -- commercial, tendered, school
    length_km       NUMERIC(6,2),
    active          BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE stops (
    id              SERIAL PRIMARY KEY,
    atco_code       VARCHAR(12) UNIQUE,
    naptan_code     VARCHAR(10),
    name            VARCHAR(120) NOT NULL,
    locality        VARCHAR(80),
    lat             NUMERIC(9,6),
    lon             NUMERIC(9,6),
    has_shelter     BOOLEAN DEFAULT FALSE
);

CREATE TABLE route_stops (
    route_id        INTEGER NOT NULL REFERENCES routes(id),
    seq             INTEGER NOT NULL,
    stop_id         INTEGER NOT NULL REFERENCES stops(id),
    fare_stage      INTEGER,
    timing_point    BOOLEAN DEFAULT FALSE,
    PRIMARY KEY (route_id, seq)
);

CREATE TABLE timetables (
    id              SERIAL PRIMARY KEY,
    route_id        INTEGER NOT NULL REFERENCES routes(id),
    valid_from      DATE NOT NULL,
    valid_to        DATE,
    day_type        VARCHAR(3) NOT NULL,    -- MF, SAT, SUN, SCH
    status          VARCHAR(10) NOT NULL DEFAULT 'draft',
    published_at    TIMESTAMP,
    published_by    INTEGER
);

CREATE TABLE trips (
    id              SERIAL PRIMARY KEY,
    timetable_id    INTEGER NOT NULL REFERENCES timetables(id) ON DELETE CASCADE,
    trip_code       VARCHAR(12),
    direction       VARCHAR(3) NOT NULL DEFAULT 'out',
    departs         TIME NOT NULL,
    arrives         TIME NOT NULL,
    vehicle_type_req VARCHAR(20),
    notes           TEXT
);

CREATE TABLE calendar_exceptions (
    id              SERIAL PRIMARY KEY,
    exc_date        DATE NOT NULL UNIQUE,
    description     VARCHAR(80),
    runs_as         VARCHAR(4) NOT NULL DEFAULT 'SUN',   -- SAT, SUN, NONE
    pay_enhancement NUMERIC(4,2) DEFAULT 1.5
);

CREATE TABLE service_registrations (
    id              SERIAL PRIMARY KEY,
    route_id        INTEGER NOT NULL REFERENCES routes(id),
    reg_no          VARCHAR(20) NOT NULL,
    authority       VARCHAR(60),
    submitted_on    DATE,
    effective_from  DATE,
    variation_no    INTEGER DEFAULT 0,
    status          VARCHAR(12) DEFAULT 'pending'
);

-- ---------------------------------------------------------------- ticketing
CREATE TABLE ticket_types (
    id              SERIAL PRIMARY KEY,
    code            VARCHAR(8) NOT NULL UNIQUE,
    name            VARCHAR(80) NOT NULL,
    category        VARCHAR(12) NOT NULL,   -- single, return, day, week, season, concession
    valid_days      INTEGER DEFAULT 1,
    active          BOOLEAN DEFAULT TRUE
);

CREATE TABLE fares (
    id              SERIAL PRIMARY KEY,
    route_id        INTEGER REFERENCES routes(id),
    ticket_type_id  INTEGER NOT NULL REFERENCES ticket_types(id),
    from_stage      INTEGER,
    to_stage        INTEGER,
    price_pence     INTEGER NOT NULL,
    valid_from      DATE NOT NULL,
    valid_to        DATE
);

CREATE TABLE etm_uploads (
    id              SERIAL PRIMARY KEY,
    filename        VARCHAR(200) NOT NULL UNIQUE,
    machine_id      VARCHAR(20),
    depot_id        INTEGER,
    uploaded_at     TIMESTAMP NOT NULL DEFAULT now(),
    records         INTEGER DEFAULT 0,
    status          VARCHAR(10) DEFAULT 'ok',
    error           TEXT
);

CREATE TABLE ticket_sales (
    id              BIGSERIAL PRIMARY KEY,
    etm_upload_id   INTEGER REFERENCES etm_uploads(id),
    machine_id      VARCHAR(20),
    sold_at         TIMESTAMP NOT NULL,
    route_id        INTEGER,
    trip_id         INTEGER,
    driver_id       INTEGER,
    ticket_type_id  INTEGER REFERENCES ticket_types(id),
    from_stage      INTEGER,
    to_stage        INTEGER,
    price_pence     INTEGER NOT NULL,
    payment_method  VARCHAR(8) DEFAULT 'cash',
    passengers      INTEGER DEFAULT 1
);

CREATE TABLE season_passes (
    id              SERIAL PRIMARY KEY,
    pass_no         VARCHAR(16) NOT NULL UNIQUE,
    holder_name     VARCHAR(120) NOT NULL,
    holder_email    VARCHAR(200),
    ticket_type_id  INTEGER REFERENCES ticket_types(id),
    school_contract_id INTEGER,
    valid_from      DATE NOT NULL,
    valid_to        DATE NOT NULL,
    price_pence     INTEGER NOT NULL,
    status          VARCHAR(10) DEFAULT 'active',
    photo_ref       VARCHAR(100)
);

CREATE TABLE concession_journeys (
    id              BIGSERIAL PRIMARY KEY,
    etm_upload_id   INTEGER REFERENCES etm_uploads(id),
    card_no         VARCHAR(20) NOT NULL,
    council_code    VARCHAR(6) NOT NULL,
    travelled_at    TIMESTAMP NOT NULL,
    route_id        INTEGER,
    from_stage      INTEGER,
    to_stage        INTEGER,
    reimburse_pence INTEGER
);

CREATE TABLE refunds (
    id              SERIAL PRIMARY KEY,
    sale_id         BIGINT,
    season_pass_id  INTEGER REFERENCES season_passes(id),
    amount_pence    INTEGER NOT NULL,
    reason          TEXT,
    requested_at    TIMESTAMP DEFAULT now(),
    processed_at    TIMESTAMP,
    processed_by    INTEGER,
    complaint_id    INTEGER
);

-- ---------------------------------------------------------------- drivers & rostering
CREATE TABLE drivers (
    id              SERIAL PRIMARY KEY,
    staff_no        VARCHAR(8) NOT NULL UNIQUE,
    first_name      VARCHAR(60) NOT NULL,
    last_name       VARCHAR(60) NOT NULL,
    depot_id        INTEGER REFERENCES depots(id),
    phone           VARCHAR(20),
    email           VARCHAR(200),
    licence_no      VARCHAR(20),
    licence_expiry  DATE,
    cpc_expiry      DATE,
    start_date      DATE,
    leave_date      DATE,
    grade           VARCHAR(10) DEFAULT 'PSV',
    hourly_rate_pence INTEGER,
    active          BOOLEAN DEFAULT TRUE
);

CREATE TABLE duties (
    id              SERIAL PRIMARY KEY,
    duty_no         VARCHAR(10) NOT NULL,
    depot_id        INTEGER NOT NULL REFERENCES depots(id),
    day_type        VARCHAR(3) NOT NULL,
    sign_on         TIME NOT NULL,
    sign_off        TIME NOT NULL,
    break_minutes   INTEGER DEFAULT 0,
    paid_minutes    INTEGER,
    timetable_id    INTEGER,
    notes           TEXT
);

CREATE TABLE duty_trips (
    duty_id         INTEGER NOT NULL REFERENCES duties(id) ON DELETE CASCADE,
    trip_id         INTEGER NOT NULL,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (duty_id, seq)
);

CREATE TABLE roster_assignments (
    id              SERIAL PRIMARY KEY,
    duty_id         INTEGER NOT NULL REFERENCES duties(id),
    driver_id       INTEGER REFERENCES drivers(id),
    work_date       DATE NOT NULL,
    vehicle_id      INTEGER,
    status          VARCHAR(10) DEFAULT 'planned',   -- planned, worked, sick, swapped
    overtime_minutes INTEGER DEFAULT 0,
    notes           TEXT,
    UNIQUE (duty_id, work_date)
);

CREATE TABLE leave_requests (
    id              SERIAL PRIMARY KEY,
    driver_id       INTEGER NOT NULL REFERENCES drivers(id),
    start_date      DATE NOT NULL,
    end_date        DATE NOT NULL,
    leave_type      VARCHAR(12) DEFAULT 'annual',
    status          VARCHAR(10) DEFAULT 'pending',
    requested_at    TIMESTAMP DEFAULT now(),
    decided_by      INTEGER,
    decided_at      TIMESTAMP
);

CREATE TABLE licence_checks (
    id              SERIAL PRIMARY KEY,
    driver_id       INTEGER NOT NULL REFERENCES drivers(id),
    checked_on      DATE NOT NULL,
    points          INTEGER DEFAULT 0,
    categories      VARCHAR(60),
    check_code      VARCHAR(20),
    result          VARCHAR(10),
    checked_by      INTEGER
);

-- ---------------------------------------------------------------- private hire & school contracts
CREATE TABLE hire_customers (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(120) NOT NULL,
    contact_name    VARCHAR(120),
    email           VARCHAR(200),
    phone           VARCHAR(20),
    address         TEXT,
    account_type    VARCHAR(12) DEFAULT 'private',  -- school, private, corporate, council
    credit_terms_days INTEGER DEFAULT 0,
    xero_contact_id VARCHAR(40)
);

CREATE TABLE hire_quotes (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES hire_customers(id),
    requested_at    TIMESTAMP DEFAULT now(),
    journey_date    DATE NOT NULL,
    pickup          TEXT NOT NULL,
    destination     TEXT NOT NULL,
    passengers      INTEGER,
    miles           INTEGER,
    hours           NUMERIC(5,2),
    vehicle_type    VARCHAR(20),
    price_pence     INTEGER,
    status          VARCHAR(10) DEFAULT 'draft',
    valid_until     DATE,
    quoted_by       INTEGER
);

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

CREATE TABLE hire_bookings (
    id              SERIAL PRIMARY KEY,
    quote_id        INTEGER REFERENCES hire_quotes(id),
    customer_id     INTEGER NOT NULL REFERENCES hire_customers(id),
    school_contract_id INTEGER REFERENCES school_contracts(id),
    journey_date    DATE NOT NULL,
    depart_time     TIME,
    return_time     TIME,
    pickup          TEXT,
    destination     TEXT,
    vehicle_id      INTEGER,
    driver_id       INTEGER,
    status          VARCHAR(10) DEFAULT 'confirmed',
    price_pence     INTEGER,
    notes           TEXT
);

CREATE TABLE hire_invoices (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES hire_customers(id),
    booking_id      INTEGER REFERENCES hire_bookings(id),
    school_contract_id INTEGER REFERENCES school_contracts(id),
    invoice_no      VARCHAR(16) NOT NULL UNIQUE,
    issued_on       DATE NOT NULL,
    due_on          DATE,
    net_pence       INTEGER NOT NULL,
    vat_pence       INTEGER NOT NULL DEFAULT 0,
    paid_on         DATE,
    xero_id         VARCHAR(40)
);

-- ---------------------------------------------------------------- customer care
CREATE TABLE complaints (
    id              SERIAL PRIMARY KEY,
    ref             VARCHAR(12) NOT NULL UNIQUE,
    received_at     TIMESTAMP NOT NULL DEFAULT now(),
    channel         VARCHAR(10) DEFAULT 'web',
    customer_name   VARCHAR(120),
    customer_email  VARCHAR(200),
    customer_phone  VARCHAR(20),
    category        VARCHAR(12) NOT NULL,   -- driver, late, no_show, vehicle, fare, other
    route_id        INTEGER,
    trip_id         INTEGER,
    driver_id       INTEGER,
    vehicle_id      INTEGER,
    incident_at     TIMESTAMP,
    description     TEXT NOT NULL,
    status          VARCHAR(10) DEFAULT 'open',
    assigned_to     INTEGER,
    due_date        DATE,
    closed_at       TIMESTAMP,
    outcome         TEXT
);

CREATE TABLE complaint_notes (
    id              SERIAL PRIMARY KEY,
    complaint_id    INTEGER NOT NULL REFERENCES complaints(id),
    user_id         INTEGER,
    note            TEXT NOT NULL,
    created_at      TIMESTAMP DEFAULT now(),
    sent_to_customer BOOLEAN DEFAULT FALSE
);

CREATE TABLE lost_property (
    id              SERIAL PRIMARY KEY,
    ref             VARCHAR(12) NOT NULL UNIQUE,
    found_at        TIMESTAMP NOT NULL,
    vehicle_id      INTEGER,
    route_id        INTEGER,
    depot_id        INTEGER,
    description     TEXT NOT NULL,
    category        VARCHAR(20),
    value_estimate_pence INTEGER,
    storage_location VARCHAR(40),
    status          VARCHAR(10) DEFAULT 'held',  -- held, claimed, disposed, police
    disposed_at     TIMESTAMP
);

CREATE TABLE lost_property_claims (
    id              SERIAL PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES lost_property(id),
    claimant_name   VARCHAR(120) NOT NULL,
    claimant_phone  VARCHAR(20),
    claimant_email  VARCHAR(200),
    description_given TEXT,
    claimed_at      TIMESTAMP DEFAULT now(),
    returned_at     TIMESTAMP,
    fee_pence       INTEGER DEFAULT 0,
    verified_by     INTEGER
);

-- ---------------------------------------------------------------- driver expenses / payroll
CREATE TABLE mileage_rates (
    id              SERIAL PRIMARY KEY,
    description     VARCHAR(60),
    pence_per_mile  NUMERIC(5,1) NOT NULL,
    valid_from      DATE NOT NULL,
    valid_to        DATE
);

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
    status          VARCHAR(10) DEFAULT 'submitted',  -- submitted, approved, rejected, exported
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
    category        VARCHAR(10) NOT NULL,   -- meal, mileage, parking, overnight, tools, other
    description     TEXT,
    duty_id         INTEGER,
    miles           NUMERIC(6,1),
    amount_pence    INTEGER NOT NULL,
    receipt_ref     VARCHAR(60)
);

-- ---------------------------------------------------------------- views
CREATE VIEW v_daily_revenue AS
    SELECT date(s.sold_at) AS sale_date, s.route_id, r.service_no,
           sum(s.price_pence) AS revenue_pence, sum(s.passengers) AS passengers
      FROM ticket_sales s LEFT JOIN routes r ON r.id = s.route_id
     GROUP BY date(s.sold_at), s.route_id, r.service_no;

CREATE VIEW v_vehicle_availability AS
    SELECT v.id, v.fleet_no, v.registration, v.vehicle_type, v.depot_id, v.status,
           (SELECT count(*) FROM defects d WHERE d.vehicle_id = v.id AND d.status = 'open'
                AND d.severity IN ('major', 'dangerous')) AS serious_defects,
           (SELECT min(i.due_date) FROM inspections i WHERE i.vehicle_id = v.id AND i.done_date IS NULL) AS next_inspection
      FROM vehicles v WHERE v.status <> 'sold';

CREATE VIEW v_driver_week_hours AS
    SELECT ra.driver_id, date_trunc('week', ra.work_date)::date AS week_start,
           sum(coalesce(d.paid_minutes, 0) + coalesce(ra.overtime_minutes, 0)) AS paid_minutes
      FROM roster_assignments ra JOIN duties d ON d.id = ra.duty_id
     WHERE ra.status IN ('planned', 'worked')
     GROUP BY ra.driver_id, date_trunc('week', ra.work_date);
