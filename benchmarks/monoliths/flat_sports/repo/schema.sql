-- Leisure & Sport Services booking system (LSBS)
-- PostgreSQL 9.6+.  Run with: psql -f schema.sql lsbs
-- NOTE: keep in step with manage.py init_db (it just runs this file)

-- ------------------------------------------------------------------
-- customer accounts
-- ------------------------------------------------------------------
CREATE TABLE customers (
    id              SERIAL PRIMARY KEY,
    email           VARCHAR(200) NOT NULL UNIQUE,
    first_name      VARCHAR(80) NOT NULL,
    last_name       VARCHAR(80) NOT NULL,
    dob             DATE,
    phone           VARCHAR(30),
    password_hash   VARCHAR(200),
    is_active       BOOLEAN NOT NULL DEFAULT TRUE,
    anonymised      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP NOT NULL DEFAULT now(),
    last_login      TIMESTAMP
);

CREATE TABLE customer_addresses (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    line1           VARCHAR(120) NOT NULL,
    line2           VARCHAR(120),
    town            VARCHAR(80),
    postcode        VARCHAR(10) NOT NULL,
    is_primary      BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE marketing_prefs (
    customer_id     INTEGER PRIMARY KEY REFERENCES customers(id),
    email_ok        BOOLEAN NOT NULL DEFAULT FALSE,
    sms_ok          BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE login_tokens (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    token           VARCHAR(64) NOT NULL UNIQUE,
    device          VARCHAR(80),
    expires_at      TIMESTAMP NOT NULL
);

CREATE TABLE password_resets (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    token           VARCHAR(64) NOT NULL UNIQUE,
    created_at      TIMESTAMP NOT NULL DEFAULT now(),
    used            BOOLEAN NOT NULL DEFAULT FALSE
);

-- ------------------------------------------------------------------
-- staff & rota
-- ------------------------------------------------------------------
CREATE TABLE staff (
    id                  SERIAL PRIMARY KEY,
    name                VARCHAR(120) NOT NULL,
    email               VARCHAR(200) NOT NULL UNIQUE,
    role                VARCHAR(30) NOT NULL,   -- lifeguard, coach, duty_manager, reception, admin
    site_id             INTEGER,
    password_hash       VARCHAR(200),
    hourly_rate_pence   INTEGER NOT NULL DEFAULT 0,
    active              BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE customer_notes (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    staff_id        INTEGER REFERENCES staff(id),
    note            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE staff_qualifications (
    id              SERIAL PRIMARY KEY,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    qual            VARCHAR(60) NOT NULL,  -- NPLQ, first_aid, FA_L2, ...
    expires_on      DATE
);

CREATE TABLE rota_weeks (
    id              SERIAL PRIMARY KEY,
    site_id         INTEGER NOT NULL,
    week_start      DATE NOT NULL,
    published       BOOLEAN NOT NULL DEFAULT FALSE,
    published_by    INTEGER REFERENCES staff(id),
    UNIQUE (site_id, week_start)
);

CREATE TABLE shifts (
    id              SERIAL PRIMARY KEY,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    rota_week_id    INTEGER REFERENCES rota_weeks(id),
    site_id         INTEGER NOT NULL,
    shift_date      DATE NOT NULL,
    start_time      TIME NOT NULL,
    end_time        TIME NOT NULL,
    role            VARCHAR(30) NOT NULL
);

CREATE TABLE leave_requests (
    id              SERIAL PRIMARY KEY,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    from_date       DATE NOT NULL,
    to_date         DATE NOT NULL,
    reason          VARCHAR(200),
    status          VARCHAR(12) NOT NULL DEFAULT 'pending',
    approved_by     INTEGER REFERENCES staff(id)
);

CREATE TABLE timesheets (
    id              SERIAL PRIMARY KEY,
    staff_id        INTEGER NOT NULL REFERENCES staff(id),
    shift_id        INTEGER REFERENCES shifts(id),
    clock_in        TIMESTAMP NOT NULL,
    clock_out       TIMESTAMP
);

-- ------------------------------------------------------------------
-- sites, facilities & bookings
-- ------------------------------------------------------------------
CREATE TABLE sites (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(120) NOT NULL,
    address         VARCHAR(250),
    opens_at        TIME NOT NULL DEFAULT '06:30',
    closes_at       TIME NOT NULL DEFAULT '22:00',
    cost_centre     VARCHAR(10)
);

CREATE TABLE facilities (
    id              SERIAL PRIMARY KEY,
    site_id         INTEGER NOT NULL REFERENCES sites(id),
    name            VARCHAR(120) NOT NULL,
    kind            VARCHAR(20) NOT NULL,   -- pitch, court, hall, pool, studio
    surface         VARCHAR(30),
    capacity        INTEGER,
    min_slot_mins   INTEGER NOT NULL DEFAULT 60,
    is_bookable     BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE facility_rates (
    id              SERIAL PRIMARY KEY,
    facility_id     INTEGER NOT NULL REFERENCES facilities(id),
    day_type        VARCHAR(10) NOT NULL,   -- weekday, weekend, bankhol
    start_time      TIME NOT NULL,
    end_time        TIME NOT NULL,
    peak            BOOLEAN NOT NULL DEFAULT FALSE,
    price_pence     INTEGER NOT NULL
);

CREATE TABLE facility_closures (
    id              SERIAL PRIMARY KEY,
    facility_id     INTEGER NOT NULL REFERENCES facilities(id),
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    reason          VARCHAR(200)
);

CREATE TABLE block_bookings (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    facility_id     INTEGER NOT NULL REFERENCES facilities(id),
    weekday         INTEGER NOT NULL,
    start_time      TIME NOT NULL,
    duration_mins   INTEGER NOT NULL,
    from_date       DATE NOT NULL,
    to_date         DATE NOT NULL,
    expanded_to     DATE
);

-- ------------------------------------------------------------------
-- billing
-- ------------------------------------------------------------------
CREATE TABLE vat_rates (
    code            VARCHAR(4) NOT NULL,     -- S, Z, E
    rate            NUMERIC(5,4) NOT NULL,
    valid_from      DATE NOT NULL,
    PRIMARY KEY (code, valid_from)
);

CREATE TABLE invoices (
    id              SERIAL PRIMARY KEY,
    number          VARCHAR(20) NOT NULL UNIQUE,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    issued_on       DATE NOT NULL,
    due_on          DATE NOT NULL,
    status          VARCHAR(12) NOT NULL DEFAULT 'draft',  -- draft, issued, paid, void, part
    total_pence     INTEGER NOT NULL DEFAULT 0,
    vat_pence       INTEGER NOT NULL DEFAULT 0,
    reminders_sent  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE invoice_lines (
    id              SERIAL PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
    description     VARCHAR(250) NOT NULL,
    qty             INTEGER NOT NULL DEFAULT 1,
    unit_pence      INTEGER NOT NULL,
    vat_code        VARCHAR(4) NOT NULL DEFAULT 'S',
    source_type     VARCHAR(20),  -- booking, membership, enrolment, team, hire
    source_id       INTEGER,
    cost_centre     VARCHAR(10)
);

CREATE TABLE payments (
    id              SERIAL PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
    amount_pence    INTEGER NOT NULL,
    method          VARCHAR(12) NOT NULL,  -- card, cash, dd, bacs, cheque
    gateway_ref     VARCHAR(80),
    paid_at         TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE refunds (
    id              SERIAL PRIMARY KEY,
    payment_id      INTEGER NOT NULL REFERENCES payments(id),
    amount_pence    INTEGER NOT NULL,
    reason          VARCHAR(200),
    processed_at    TIMESTAMP NOT NULL DEFAULT now(),
    gateway_ref     VARCHAR(80)
);

CREATE TABLE credit_notes (
    id              SERIAL PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
    amount_pence    INTEGER NOT NULL,
    reason          VARCHAR(200),
    created_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE dd_batches (
    id              SERIAL PRIMARY KEY,
    run_date        DATE NOT NULL,
    status          VARCHAR(12) NOT NULL DEFAULT 'built',
    file_name       VARCHAR(120),
    total_pence     INTEGER NOT NULL DEFAULT 0,
    line_count      INTEGER NOT NULL DEFAULT 0
);

-- bookings refer to invoices, so they come after billing
CREATE TABLE bookings (
    id              SERIAL PRIMARY KEY,
    ref             VARCHAR(12) NOT NULL UNIQUE,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    facility_id     INTEGER NOT NULL REFERENCES facilities(id),
    block_booking_id INTEGER REFERENCES block_bookings(id),
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    status          VARCHAR(12) NOT NULL DEFAULT 'provisional', -- provisional, confirmed, cancelled, noshow
    price_pence     INTEGER NOT NULL DEFAULT 0,
    invoice_id      INTEGER REFERENCES invoices(id),
    created_by      INTEGER REFERENCES staff(id),
    created_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE booking_cancellations (
    id              SERIAL PRIMARY KEY,
    booking_id      INTEGER NOT NULL REFERENCES bookings(id),
    reason          VARCHAR(200),
    cancelled_at    TIMESTAMP NOT NULL DEFAULT now(),
    refund_due_pence INTEGER NOT NULL DEFAULT 0,
    by_staff_id     INTEGER REFERENCES staff(id)
);

-- ------------------------------------------------------------------
-- memberships & passes
-- ------------------------------------------------------------------
CREATE TABLE membership_plans (
    id              SERIAL PRIMARY KEY,
    code            VARCHAR(12) NOT NULL UNIQUE,
    name            VARCHAR(120) NOT NULL,
    monthly_pence   INTEGER NOT NULL,
    annual_pence    INTEGER NOT NULL,
    junior          BOOLEAN NOT NULL DEFAULT FALSE,
    senior          BOOLEAN NOT NULL DEFAULT FALSE,
    includes_swim   BOOLEAN NOT NULL DEFAULT TRUE,
    includes_gym    BOOLEAN NOT NULL DEFAULT TRUE,
    peak_access     BOOLEAN NOT NULL DEFAULT TRUE,
    booking_discount_pct INTEGER NOT NULL DEFAULT 0,
    on_sale         BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE memberships (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    plan_id         INTEGER NOT NULL REFERENCES membership_plans(id),
    status          VARCHAR(12) NOT NULL DEFAULT 'active',  -- active, frozen, lapsed, cancelled
    start_date      DATE NOT NULL,
    end_date        DATE,
    payment_freq    VARCHAR(8) NOT NULL DEFAULT 'monthly',
    dd_reference    VARCHAR(18),
    home_site_id    INTEGER REFERENCES sites(id)
);

CREATE TABLE membership_freezes (
    id              SERIAL PRIMARY KEY,
    membership_id   INTEGER NOT NULL REFERENCES memberships(id),
    from_date       DATE NOT NULL,
    to_date         DATE NOT NULL,
    reason          VARCHAR(200)
);

CREATE TABLE passes (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER REFERENCES customers(id),
    pass_type       VARCHAR(20) NOT NULL,   -- swim10, gym10, day, family_day
    barcode         VARCHAR(20) NOT NULL UNIQUE,
    visits_total    INTEGER NOT NULL,
    visits_used     INTEGER NOT NULL DEFAULT 0,
    expires_on      DATE NOT NULL,
    invoice_id      INTEGER REFERENCES invoices(id)
);

CREATE TABLE pass_visits (
    id              SERIAL PRIMARY KEY,
    pass_id         INTEGER REFERENCES passes(id),
    membership_id   INTEGER REFERENCES memberships(id),
    site_id         INTEGER NOT NULL REFERENCES sites(id),
    visited_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE concessions (
    id              SERIAL PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    kind            VARCHAR(20) NOT NULL,   -- leisure_card, student, over60, disability, armed_forces
    evidence_ref    VARCHAR(80),
    verified_by     INTEGER REFERENCES staff(id),
    valid_until     DATE NOT NULL
);

-- ------------------------------------------------------------------
-- leagues & fixtures
-- ------------------------------------------------------------------
CREATE TABLE leagues (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(120) NOT NULL,
    sport           VARCHAR(30) NOT NULL,
    season          VARCHAR(9) NOT NULL,    -- 2019/20
    division        INTEGER NOT NULL DEFAULT 1,
    points_win      INTEGER NOT NULL DEFAULT 3,
    points_draw     INTEGER NOT NULL DEFAULT 1,
    entry_fee_pence INTEGER NOT NULL DEFAULT 0,
    home_facility_id INTEGER REFERENCES facilities(id)
);

CREATE TABLE teams (
    id              SERIAL PRIMARY KEY,
    league_id       INTEGER NOT NULL REFERENCES leagues(id),
    name            VARCHAR(120) NOT NULL,
    captain_id      INTEGER REFERENCES customers(id),
    fee_invoice_id  INTEGER REFERENCES invoices(id),
    withdrawn       BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE team_players (
    id              SERIAL PRIMARY KEY,
    team_id         INTEGER NOT NULL REFERENCES teams(id),
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    shirt_no        INTEGER,
    registered_on   DATE NOT NULL DEFAULT CURRENT_DATE
);

CREATE TABLE referees (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(120) NOT NULL,
    phone           VARCHAR(30),
    grade           INTEGER,
    sport           VARCHAR(30) NOT NULL DEFAULT 'football'
);

CREATE TABLE fixtures (
    id              SERIAL PRIMARY KEY,
    league_id       INTEGER NOT NULL REFERENCES leagues(id),
    round_no        INTEGER NOT NULL,
    home_team_id    INTEGER NOT NULL REFERENCES teams(id),
    away_team_id    INTEGER NOT NULL REFERENCES teams(id),
    kickoff         TIMESTAMP,
    facility_id     INTEGER REFERENCES facilities(id),
    booking_id      INTEGER REFERENCES bookings(id),
    status          VARCHAR(12) NOT NULL DEFAULT 'scheduled'  -- scheduled, played, postponed, void
);

CREATE TABLE match_results (
    fixture_id      INTEGER PRIMARY KEY REFERENCES fixtures(id),
    home_score      INTEGER NOT NULL,
    away_score      INTEGER NOT NULL,
    recorded_by     INTEGER REFERENCES staff(id),
    recorded_at     TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE fixture_officials (
    fixture_id      INTEGER NOT NULL REFERENCES fixtures(id),
    referee_id      INTEGER NOT NULL REFERENCES referees(id),
    fee_pence       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (fixture_id, referee_id)
);

-- ------------------------------------------------------------------
-- coaching courses
-- ------------------------------------------------------------------
CREATE TABLE course_terms (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(40) NOT NULL,
    starts_on       DATE NOT NULL,
    ends_on         DATE NOT NULL,
    half_term_from  DATE,
    half_term_to    DATE
);

CREATE TABLE courses (
    id              SERIAL PRIMARY KEY,
    term_id         INTEGER NOT NULL REFERENCES course_terms(id),
    title           VARCHAR(120) NOT NULL,
    sport           VARCHAR(30) NOT NULL,
    level           VARCHAR(20),
    min_age         INTEGER,
    max_age         INTEGER,
    capacity        INTEGER NOT NULL,
    price_pence     INTEGER NOT NULL,
    weekday         INTEGER NOT NULL,
    start_time      TIME NOT NULL,
    duration_mins   INTEGER NOT NULL DEFAULT 45,
    facility_id     INTEGER REFERENCES facilities(id),
    coach_id        INTEGER REFERENCES staff(id)
);

CREATE TABLE course_sessions (
    id              SERIAL PRIMARY KEY,
    course_id       INTEGER NOT NULL REFERENCES courses(id),
    session_date    DATE NOT NULL,
    cancelled       BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE enrolments (
    id              SERIAL PRIMARY KEY,
    course_id       INTEGER NOT NULL REFERENCES courses(id),
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    status          VARCHAR(12) NOT NULL DEFAULT 'pending', -- pending, confirmed, withdrawn
    enrolled_at     TIMESTAMP NOT NULL DEFAULT now(),
    invoice_id      INTEGER REFERENCES invoices(id),
    price_pence     INTEGER
);

CREATE TABLE attendance (
    session_id      INTEGER NOT NULL REFERENCES course_sessions(id),
    enrolment_id    INTEGER NOT NULL REFERENCES enrolments(id),
    present         BOOLEAN NOT NULL,
    noted_by        INTEGER REFERENCES staff(id),
    PRIMARY KEY (session_id, enrolment_id)
);

CREATE TABLE waiting_list (
    id              SERIAL PRIMARY KEY,
    course_id       INTEGER NOT NULL REFERENCES courses(id),
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    added_at        TIMESTAMP NOT NULL DEFAULT now(),
    offered_at      TIMESTAMP,
    declined        BOOLEAN NOT NULL DEFAULT FALSE
);

-- ------------------------------------------------------------------
-- equipment hire
-- ------------------------------------------------------------------
CREATE TABLE equipment_items (
    id              SERIAL PRIMARY KEY,
    site_id         INTEGER NOT NULL REFERENCES sites(id),
    name            VARCHAR(120) NOT NULL,
    category        VARCHAR(30),
    hire_price_pence INTEGER NOT NULL,
    deposit_pence   INTEGER NOT NULL DEFAULT 0,
    qty_total       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE equipment_hires (
    id              SERIAL PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES equipment_items(id),
    customer_id     INTEGER NOT NULL REFERENCES customers(id),
    booking_id      INTEGER REFERENCES bookings(id),
    qty             INTEGER NOT NULL DEFAULT 1,
    hired_at        TIMESTAMP NOT NULL DEFAULT now(),
    due_back        TIMESTAMP NOT NULL,
    returned_at     TIMESTAMP,
    deposit_pence   INTEGER NOT NULL DEFAULT 0,
    invoice_id      INTEGER REFERENCES invoices(id)
);

CREATE TABLE equipment_damage (
    id              SERIAL PRIMARY KEY,
    hire_id         INTEGER NOT NULL REFERENCES equipment_hires(id),
    description     VARCHAR(250),
    charge_pence    INTEGER NOT NULL DEFAULT 0,
    reported_at     TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE stock_checks (
    id              SERIAL PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES equipment_items(id),
    counted_qty     INTEGER NOT NULL,
    checked_by      INTEGER REFERENCES staff(id),
    checked_on      DATE NOT NULL DEFAULT CURRENT_DATE
);

CREATE INDEX bookings_facility_start ON bookings (facility_id, starts_at);
CREATE INDEX invoices_customer ON invoices (customer_id);
CREATE INDEX memberships_customer ON memberships (customer_id);
CREATE INDEX enrolments_course ON enrolments (course_id);
