-- CarShare schema (PostgreSQL 11+)
-- Maintained by hand. Run migrations in db/changes/*.sql in order after this
-- file on a fresh database. (TODO: move to alembic, ticket OPS-112)

BEGIN;

-- ---------------------------------------------------------------------------
-- Parking zones
-- ---------------------------------------------------------------------------
CREATE TABLE parking_zones (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(120) NOT NULL,
    city            VARCHAR(80)  NOT NULL,
    zone_type       VARCHAR(20)  NOT NULL DEFAULT 'home',   -- home | floating | airport | partner
    capacity        INTEGER      NOT NULL DEFAULT 0,
    centre_lat      NUMERIC(9,6),
    centre_lng      NUMERIC(9,6),
    active          BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMP    NOT NULL DEFAULT now()
);

CREATE TABLE zone_boundaries (
    id              SERIAL PRIMARY KEY,
    zone_id         INTEGER NOT NULL REFERENCES parking_zones(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    lat             NUMERIC(9,6) NOT NULL,
    lng             NUMERIC(9,6) NOT NULL
);
CREATE INDEX zone_boundaries_zone_idx ON zone_boundaries(zone_id, seq);

CREATE TABLE zone_restrictions (
    id              SERIAL PRIMARY KEY,
    zone_id         INTEGER NOT NULL REFERENCES parking_zones(id) ON DELETE CASCADE,
    weekday         SMALLINT,                 -- 0 = Monday, NULL = every day
    start_time      TIME NOT NULL,
    end_time        TIME NOT NULL,
    restriction     VARCHAR(20) NOT NULL,     -- no_end | no_start | surcharge
    surcharge_pence INTEGER NOT NULL DEFAULT 0,
    note            TEXT
);

CREATE TABLE zone_capacity_snapshots (
    id               SERIAL PRIMARY KEY,
    zone_id          INTEGER NOT NULL REFERENCES parking_zones(id),
    taken_at         TIMESTAMP NOT NULL DEFAULT now(),
    vehicles_present INTEGER NOT NULL,
    capacity         INTEGER NOT NULL
);

-- ---------------------------------------------------------------------------
-- Members & licences
-- ---------------------------------------------------------------------------
CREATE TABLE members (
    id                 SERIAL PRIMARY KEY,
    email              VARCHAR(255) NOT NULL UNIQUE,
    password_hash      VARCHAR(255),
    first_name         VARCHAR(80),
    last_name          VARCHAR(80),
    phone              VARCHAR(40),
    date_of_birth      DATE,
    status             VARCHAR(20) NOT NULL DEFAULT 'pending',  -- pending | active | suspended | closed
    suspended_reason   TEXT,
    home_zone_id       INTEGER REFERENCES parking_zones(id),
    is_admin           BOOLEAN NOT NULL DEFAULT FALSE,
    stripe_customer_id VARCHAR(64),                              -- legacy, see payment_methods
    created_at         TIMESTAMP NOT NULL DEFAULT now(),
    updated_at         TIMESTAMP,
    deleted_at         TIMESTAMP
);

CREATE TABLE driving_licences (
    id              SERIAL PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    licence_number  VARCHAR(40) NOT NULL,
    country         CHAR(2) NOT NULL DEFAULT 'GB',
    category        VARCHAR(10) NOT NULL DEFAULT 'B',
    issued_on       DATE,
    expires_on      DATE,
    points          SMALLINT NOT NULL DEFAULT 0,
    status          VARCHAR(20) NOT NULL DEFAULT 'submitted',  -- submitted | verified | rejected | expired
    rejection_reason TEXT,
    verified_at     TIMESTAMP,
    created_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE licence_checks (
    id              SERIAL PRIMARY KEY,
    licence_id      INTEGER NOT NULL REFERENCES driving_licences(id),
    checked_at      TIMESTAMP NOT NULL DEFAULT now(),
    provider        VARCHAR(40) NOT NULL,
    result          VARCHAR(20) NOT NULL,     -- ok | points | disqualified | not_found | error
    points_reported SMALLINT,
    raw_response    TEXT
);

CREATE TABLE member_documents (
    id              SERIAL PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    doc_type        VARCHAR(30) NOT NULL,     -- licence_front | licence_back | selfie | proof_of_address
    storage_key     VARCHAR(255) NOT NULL,
    uploaded_at     TIMESTAMP NOT NULL DEFAULT now(),
    reviewed_by     INTEGER REFERENCES members(id),
    reviewed_at     TIMESTAMP
);

CREATE TABLE member_consents (
    id              SERIAL PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    consent_type    VARCHAR(40) NOT NULL,     -- terms | marketing | telematics
    granted         BOOLEAN NOT NULL,
    recorded_at     TIMESTAMP NOT NULL DEFAULT now(),
    ip_address      VARCHAR(45)
);

-- ---------------------------------------------------------------------------
-- Fleet
-- ---------------------------------------------------------------------------
CREATE TABLE vehicle_models (
    id                    SERIAL PRIMARY KEY,
    make                  VARCHAR(60) NOT NULL,
    model                 VARCHAR(60) NOT NULL,
    fuel_type             VARCHAR(20) NOT NULL,   -- petrol | diesel | hybrid | electric
    seats                 SMALLINT NOT NULL DEFAULT 5,
    category              VARCHAR(20) NOT NULL,   -- small | medium | van | premium
    service_interval_km   INTEGER NOT NULL DEFAULT 15000,
    service_interval_days INTEGER NOT NULL DEFAULT 365
);

CREATE TABLE vehicles (
    id                 SERIAL PRIMARY KEY,
    model_id           INTEGER NOT NULL REFERENCES vehicle_models(id),
    plate              VARCHAR(12) NOT NULL UNIQUE,
    vin                VARCHAR(17),
    colour             VARCHAR(30),
    status             VARCHAR(20) NOT NULL DEFAULT 'available',  -- available | reserved | in_trip | maintenance | retired
    odometer_km        INTEGER NOT NULL DEFAULT 0,
    fuel_level         NUMERIC(4,3),                               -- 0..1
    home_zone_id       INTEGER REFERENCES parking_zones(id),
    current_zone_id    INTEGER REFERENCES parking_zones(id),
    last_lat           NUMERIC(9,6),
    last_lng           NUMERIC(9,6),
    telematics_unit_id VARCHAR(40) UNIQUE,
    commissioned_on    DATE,
    retired_on         DATE
);

CREATE TABLE service_schedules (
    id              SERIAL PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL UNIQUE REFERENCES vehicles(id),
    last_service_km INTEGER,
    last_service_on DATE,
    next_due_km     INTEGER,
    next_due_on     DATE
);

CREATE TABLE maintenance_jobs (
    id               SERIAL PRIMARY KEY,
    vehicle_id       INTEGER NOT NULL REFERENCES vehicles(id),
    job_type         VARCHAR(30) NOT NULL,    -- service | tyres | repair | valet | mot
    status           VARCHAR(20) NOT NULL DEFAULT 'scheduled',
    scheduled_for    TIMESTAMP,
    completed_at     TIMESTAMP,
    garage           VARCHAR(120),
    cost_pence       INTEGER,
    damage_report_id INTEGER,                 -- FK added below
    notes            TEXT
);

CREATE TABLE vehicle_inspections (
    id              SERIAL PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    inspected_at    TIMESTAMP NOT NULL DEFAULT now(),
    inspector       VARCHAR(80),
    result          VARCHAR(20) NOT NULL,     -- pass | advisory | fail
    checklist_json  TEXT,
    mot_expires_on  DATE
);

-- ---------------------------------------------------------------------------
-- Pricing & billing (tariffs first, reservations reference them)
-- ---------------------------------------------------------------------------
CREATE TABLE tariffs (
    id               SERIAL PRIMARY KEY,
    name             VARCHAR(80) NOT NULL,
    vehicle_category VARCHAR(20) NOT NULL,
    per_minute_pence INTEGER NOT NULL,
    per_hour_pence   INTEGER NOT NULL,
    per_day_pence    INTEGER NOT NULL,
    per_km_pence     INTEGER NOT NULL DEFAULT 0,
    included_km      INTEGER NOT NULL DEFAULT 0,
    weekend_factor   NUMERIC(4,2) NOT NULL DEFAULT 1.00,
    valid_from       DATE NOT NULL,
    valid_to         DATE,
    active           BOOLEAN NOT NULL DEFAULT TRUE
);

-- ---------------------------------------------------------------------------
-- Reservations
-- ---------------------------------------------------------------------------
CREATE TABLE reservations (
    id              SERIAL PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    zone_id         INTEGER REFERENCES parking_zones(id),
    tariff_id       INTEGER REFERENCES tariffs(id),
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    status          VARCHAR(20) NOT NULL DEFAULT 'pending',
    created_at      TIMESTAMP NOT NULL DEFAULT now(),
    updated_at      TIMESTAMP
);
CREATE INDEX reservations_vehicle_time_idx ON reservations(vehicle_id, starts_at, ends_at);

CREATE TABLE reservation_extensions (
    id              SERIAL PRIMARY KEY,
    reservation_id  INTEGER NOT NULL REFERENCES reservations(id),
    old_ends_at     TIMESTAMP NOT NULL,
    new_ends_at     TIMESTAMP NOT NULL,
    requested_at    TIMESTAMP NOT NULL DEFAULT now(),
    approved        BOOLEAN
);

CREATE TABLE reservation_cancellations (
    id              SERIAL PRIMARY KEY,
    reservation_id  INTEGER NOT NULL UNIQUE REFERENCES reservations(id),
    cancelled_at    TIMESTAMP NOT NULL DEFAULT now(),
    cancelled_by    VARCHAR(20) NOT NULL,     -- member | ops | system
    reason          TEXT,
    fee_pence       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE waitlist_entries (
    id               SERIAL PRIMARY KEY,
    member_id        INTEGER NOT NULL REFERENCES members(id),
    zone_id          INTEGER NOT NULL REFERENCES parking_zones(id),
    vehicle_category VARCHAR(20),
    wanted_from      TIMESTAMP NOT NULL,
    wanted_to        TIMESTAMP NOT NULL,
    status           VARCHAR(20) NOT NULL DEFAULT 'waiting',  -- waiting | notified | booked | lapsed
    created_at       TIMESTAMP NOT NULL DEFAULT now(),
    notified_at      TIMESTAMP
);

-- ---------------------------------------------------------------------------
-- Trips & telematics
-- ---------------------------------------------------------------------------
CREATE TABLE trips (
    id                SERIAL PRIMARY KEY,
    reservation_id    INTEGER REFERENCES reservations(id),
    member_id         INTEGER NOT NULL REFERENCES members(id),
    vehicle_id        INTEGER NOT NULL REFERENCES vehicles(id),
    started_at        TIMESTAMP NOT NULL,
    ended_at          TIMESTAMP,
    start_odometer_km INTEGER,
    end_odometer_km   INTEGER,
    start_lat         NUMERIC(9,6),
    start_lng         NUMERIC(9,6),
    end_lat           NUMERIC(9,6),
    end_lng           NUMERIC(9,6),
    end_zone_id       INTEGER REFERENCES parking_zones(id),
    distance_km       NUMERIC(8,2),
    status            VARCHAR(20) NOT NULL DEFAULT 'active'  -- active | ended | disputed
);

CREATE TABLE telematics_pings (
    id              BIGSERIAL PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    trip_id         INTEGER REFERENCES trips(id),
    recorded_at     TIMESTAMP NOT NULL,
    lat             NUMERIC(9,6),
    lng             NUMERIC(9,6),
    speed_kph       NUMERIC(5,1),
    odometer_km     INTEGER,
    fuel_level      NUMERIC(4,3),
    ignition_on     BOOLEAN,
    raw             TEXT
);
CREATE INDEX telematics_pings_vehicle_idx ON telematics_pings(vehicle_id, recorded_at);

CREATE TABLE trip_events (
    id              SERIAL PRIMARY KEY,
    trip_id         INTEGER NOT NULL REFERENCES trips(id),
    event_type      VARCHAR(30) NOT NULL,     -- harsh_brake | speeding | low_fuel | geofence_exit | door_open
    occurred_at     TIMESTAMP NOT NULL,
    payload         TEXT
);

CREATE TABLE fuel_logs (
    id              SERIAL PRIMARY KEY,
    trip_id         INTEGER REFERENCES trips(id),
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    litres          NUMERIC(6,2),
    kwh             NUMERIC(6,2),
    amount_pence    INTEGER NOT NULL,
    station         VARCHAR(120),
    receipt_key     VARCHAR(255),
    logged_at       TIMESTAMP NOT NULL DEFAULT now(),
    reimbursed      BOOLEAN NOT NULL DEFAULT FALSE
);

-- ---------------------------------------------------------------------------
-- Billing
-- ---------------------------------------------------------------------------
CREATE TABLE payment_methods (
    id              SERIAL PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    provider        VARCHAR(20) NOT NULL DEFAULT 'stripe',
    provider_token  VARCHAR(255) NOT NULL,
    card_brand      VARCHAR(20),
    last4           CHAR(4),
    exp_month       SMALLINT,
    exp_year        SMALLINT,
    is_default      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP NOT NULL DEFAULT now(),
    removed_at      TIMESTAMP
);

CREATE TABLE invoices (
    id              SERIAL PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members(id),
    trip_id         INTEGER REFERENCES trips(id),
    number          VARCHAR(20) NOT NULL UNIQUE,
    status          VARCHAR(20) NOT NULL DEFAULT 'draft',  -- draft | open | paid | overdue | void | refunded
    issued_at       TIMESTAMP,
    due_at          TIMESTAMP,
    subtotal_pence  INTEGER NOT NULL DEFAULT 0,
    vat_pence       INTEGER NOT NULL DEFAULT 0,
    total_pence     INTEGER NOT NULL DEFAULT 0,
    currency        CHAR(3) NOT NULL DEFAULT 'GBP',
    paid_at         TIMESTAMP
);

CREATE TABLE invoice_lines (
    id              SERIAL PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    line_type       VARCHAR(20) NOT NULL,     -- time | distance | fee | damage | fine | discount | cancellation | fuel
    description     VARCHAR(255) NOT NULL,
    quantity        NUMERIC(10,2) NOT NULL DEFAULT 1,
    unit_pence      INTEGER NOT NULL,
    amount_pence    INTEGER NOT NULL
);

CREATE TABLE payments (
    id                SERIAL PRIMARY KEY,
    invoice_id        INTEGER NOT NULL REFERENCES invoices(id),
    payment_method_id INTEGER REFERENCES payment_methods(id),
    amount_pence      INTEGER NOT NULL,
    status            VARCHAR(20) NOT NULL,   -- pending | succeeded | failed | refunded
    provider_ref      VARCHAR(80),
    failure_reason    TEXT,
    attempted_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE promo_codes (
    id               SERIAL PRIMARY KEY,
    code             VARCHAR(30) NOT NULL UNIQUE,
    description      VARCHAR(255),
    discount_percent SMALLINT,
    discount_pence   INTEGER,
    max_redemptions  INTEGER,
    per_member_limit INTEGER NOT NULL DEFAULT 1,
    valid_from       DATE,
    valid_to         DATE,
    active           BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE promo_redemptions (
    id              SERIAL PRIMARY KEY,
    promo_code_id   INTEGER NOT NULL REFERENCES promo_codes(id),
    member_id       INTEGER NOT NULL REFERENCES members(id),
    invoice_id      INTEGER REFERENCES invoices(id),
    amount_pence    INTEGER NOT NULL,
    redeemed_at     TIMESTAMP NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------------------
-- Damage & incidents
-- ---------------------------------------------------------------------------
CREATE TABLE damage_reports (
    id                  SERIAL PRIMARY KEY,
    vehicle_id          INTEGER NOT NULL REFERENCES vehicles(id),
    reported_by         INTEGER REFERENCES members(id),
    trip_id             INTEGER REFERENCES trips(id),
    reported_at         TIMESTAMP NOT NULL DEFAULT now(),
    location_on_vehicle VARCHAR(40),
    severity            VARCHAR(20) NOT NULL DEFAULT 'minor',   -- cosmetic | minor | major | write_off
    description         TEXT,
    status              VARCHAR(20) NOT NULL DEFAULT 'new',     -- new | assessed | repair_scheduled | repaired | rejected
    assessed_cost_pence INTEGER,
    liable_member_id    INTEGER REFERENCES members(id)
);

CREATE TABLE damage_photos (
    id               SERIAL PRIMARY KEY,
    damage_report_id INTEGER NOT NULL REFERENCES damage_reports(id) ON DELETE CASCADE,
    storage_key      VARCHAR(255) NOT NULL,
    uploaded_by      INTEGER REFERENCES members(id),
    uploaded_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE incidents (
    id              SERIAL PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    trip_id         INTEGER REFERENCES trips(id),
    member_id       INTEGER REFERENCES members(id),
    occurred_at     TIMESTAMP NOT NULL,
    incident_type   VARCHAR(20) NOT NULL,     -- collision | theft | breakdown | vandalism
    police_ref      VARCHAR(40),
    description     TEXT,
    status          VARCHAR(20) NOT NULL DEFAULT 'open',
    closed_at       TIMESTAMP
);

CREATE TABLE insurance_claims (
    id                   SERIAL PRIMARY KEY,
    incident_id          INTEGER NOT NULL REFERENCES incidents(id),
    insurer              VARCHAR(80) NOT NULL,
    claim_ref            VARCHAR(60),
    status               VARCHAR(20) NOT NULL DEFAULT 'filed',  -- filed | accepted | rejected | settled
    amount_claimed_pence INTEGER,
    amount_settled_pence INTEGER,
    excess_pence         INTEGER NOT NULL DEFAULT 0,
    filed_at             TIMESTAMP NOT NULL DEFAULT now(),
    settled_at           TIMESTAMP
);

CREATE TABLE traffic_fines (
    id              SERIAL PRIMARY KEY,
    vehicle_id      INTEGER NOT NULL REFERENCES vehicles(id),
    trip_id         INTEGER REFERENCES trips(id),
    member_id       INTEGER REFERENCES members(id),
    authority       VARCHAR(120) NOT NULL,
    reference       VARCHAR(60) NOT NULL,
    offence         VARCHAR(60),
    issued_at       TIMESTAMP NOT NULL,
    amount_pence    INTEGER NOT NULL,
    admin_fee_pence INTEGER NOT NULL DEFAULT 0,
    status          VARCHAR(20) NOT NULL DEFAULT 'received',  -- received | assigned | recharged | paid | disputed
    received_at     TIMESTAMP NOT NULL DEFAULT now(),
    UNIQUE (authority, reference)
);

-- ---------------------------------------------------------------------------
-- Support
-- ---------------------------------------------------------------------------
CREATE TABLE support_agents (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(120) NOT NULL,
    email           VARCHAR(255) NOT NULL UNIQUE,
    team            VARCHAR(40) NOT NULL DEFAULT 'general',   -- general | billing | damage | fleet
    active          BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE support_tickets (
    id                SERIAL PRIMARY KEY,
    member_id         INTEGER REFERENCES members(id),
    reservation_id    INTEGER REFERENCES reservations(id),
    trip_id           INTEGER REFERENCES trips(id),
    invoice_id        INTEGER REFERENCES invoices(id),
    subject           VARCHAR(255) NOT NULL,
    category          VARCHAR(30) NOT NULL DEFAULT 'general',
    priority          VARCHAR(10) NOT NULL DEFAULT 'normal',  -- low | normal | high | urgent
    status            VARCHAR(20) NOT NULL DEFAULT 'open',    -- open | pending | resolved | closed
    agent_id          INTEGER REFERENCES support_agents(id),
    opened_at         TIMESTAMP NOT NULL DEFAULT now(),
    first_response_at TIMESTAMP,
    resolved_at       TIMESTAMP
);

CREATE TABLE ticket_messages (
    id              SERIAL PRIMARY KEY,
    ticket_id       INTEGER NOT NULL REFERENCES support_tickets(id) ON DELETE CASCADE,
    author_type     VARCHAR(10) NOT NULL,     -- member | agent | system
    author_id       INTEGER,
    body            TEXT NOT NULL,
    internal        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMP NOT NULL DEFAULT now()
);

CREATE TABLE ticket_sla_breaches (
    id              SERIAL PRIMARY KEY,
    ticket_id       INTEGER NOT NULL REFERENCES support_tickets(id),
    breach_type     VARCHAR(30) NOT NULL,     -- first_response | resolution
    detected_at     TIMESTAMP NOT NULL DEFAULT now(),
    escalated_to    INTEGER REFERENCES support_agents(id)
);

-- late FKs
ALTER TABLE maintenance_jobs
    ADD CONSTRAINT maintenance_jobs_damage_fk FOREIGN KEY (damage_report_id) REFERENCES damage_reports(id);

COMMIT;
