-- Harbourline Hotels PMS schema (sqlite in dev, Postgres in prod since 2021).
-- Keep this file in sync by hand; there are no migrations.  See README on the wiki.

PRAGMA foreign_keys = ON;

-- ---------------------------------------------------------------- properties / inventory

CREATE TABLE hotels (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    city            TEXT NOT NULL,
    timezone        TEXT NOT NULL DEFAULT 'Europe/London',
    currency        TEXT NOT NULL DEFAULT 'GBP',
    checkin_time    TEXT NOT NULL DEFAULT '15:00',
    checkout_time   TEXT NOT NULL DEFAULT '11:00',
    vat_rate        NUMERIC NOT NULL DEFAULT 0.20,
    active          INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE room_types (
    id              INTEGER PRIMARY KEY,
    hotel_id        INTEGER NOT NULL REFERENCES hotels(id),
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    max_adults      INTEGER NOT NULL DEFAULT 2,
    max_children    INTEGER NOT NULL DEFAULT 0,
    base_rate       NUMERIC NOT NULL,
    sort_order      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (hotel_id, code)
);

CREATE TABLE rooms (
    id              INTEGER PRIMARY KEY,
    hotel_id        INTEGER NOT NULL REFERENCES hotels(id),
    room_type_id    INTEGER NOT NULL REFERENCES room_types(id),
    number          TEXT NOT NULL,
    floor           INTEGER,
    smoking         INTEGER NOT NULL DEFAULT 0,
    out_of_order    INTEGER NOT NULL DEFAULT 0,
    ooo_reason      TEXT,
    UNIQUE (hotel_id, number)
);

CREATE TABLE rate_plans (
    id              INTEGER PRIMARY KEY,
    hotel_id        INTEGER NOT NULL REFERENCES hotels(id),
    code            TEXT NOT NULL,
    name            TEXT NOT NULL,
    includes_breakfast INTEGER NOT NULL DEFAULT 0,
    refundable      INTEGER NOT NULL DEFAULT 1,
    min_stay        INTEGER NOT NULL DEFAULT 1,
    discount_pct    NUMERIC NOT NULL DEFAULT 0,
    active          INTEGER NOT NULL DEFAULT 1,
    UNIQUE (hotel_id, code)
);

CREATE TABLE daily_rates (
    id              INTEGER PRIMARY KEY,
    room_type_id    INTEGER NOT NULL REFERENCES room_types(id),
    rate_plan_id    INTEGER NOT NULL REFERENCES rate_plans(id),
    stay_date       DATE NOT NULL,
    amount          NUMERIC NOT NULL,
    closed          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (room_type_id, rate_plan_id, stay_date)
);

-- ---------------------------------------------------------------- guests

CREATE TABLE guests (
    id              INTEGER PRIMARY KEY,
    title           TEXT,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL,
    email           TEXT,
    phone           TEXT,
    country         TEXT,
    date_of_birth   DATE,
    vip             INTEGER NOT NULL DEFAULT 0,
    blacklisted     INTEGER NOT NULL DEFAULT 0,
    marketing_opt_in INTEGER NOT NULL DEFAULT 0,
    notes           TEXT,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    merged_into     INTEGER REFERENCES guests(id)
);
CREATE INDEX guests_email_idx ON guests (email);

CREATE TABLE guest_preferences (
    id              INTEGER PRIMARY KEY,
    guest_id        INTEGER NOT NULL REFERENCES guests(id),
    kind            TEXT NOT NULL,          -- pillow, floor, newspaper, allergy ...
    value           TEXT NOT NULL
);

CREATE TABLE loyalty_accounts (
    id              INTEGER PRIMARY KEY,
    guest_id        INTEGER NOT NULL UNIQUE REFERENCES guests(id),
    number          TEXT NOT NULL UNIQUE,
    tier            TEXT NOT NULL DEFAULT 'blue',
    points          INTEGER NOT NULL DEFAULT 0,
    lifetime_nights INTEGER NOT NULL DEFAULT 0,
    enrolled_on     DATE NOT NULL
);

CREATE TABLE loyalty_transactions (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES loyalty_accounts(id),
    points          INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    reservation_id  INTEGER REFERENCES reservations(id),
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_on      DATE
);

-- ---------------------------------------------------------------- reservations

CREATE TABLE reservations (
    id              INTEGER PRIMARY KEY,
    confirmation    TEXT NOT NULL UNIQUE,
    hotel_id        INTEGER NOT NULL REFERENCES hotels(id),
    guest_id        INTEGER NOT NULL REFERENCES guests(id),
    rate_plan_id    INTEGER NOT NULL REFERENCES rate_plans(id),
    arrival         DATE NOT NULL,
    departure       DATE NOT NULL,
    adults          INTEGER NOT NULL DEFAULT 1,
    children        INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'confirmed', -- confirmed, in_house, checked_out, cancelled, no_show
    source          TEXT NOT NULL DEFAULT 'direct',
    total_amount    NUMERIC NOT NULL DEFAULT 0,
    deposit_due     NUMERIC NOT NULL DEFAULT 0,
    eta             TEXT,
    created_by      TEXT,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX reservations_arrival_idx ON reservations (hotel_id, arrival);

CREATE TABLE reservation_rooms (
    id              INTEGER PRIMARY KEY,
    reservation_id  INTEGER NOT NULL REFERENCES reservations(id),
    room_type_id    INTEGER NOT NULL REFERENCES room_types(id),
    room_id         INTEGER REFERENCES rooms(id),
    stay_date       DATE NOT NULL,
    rate            NUMERIC NOT NULL
);
CREATE INDEX reservation_rooms_date_idx ON reservation_rooms (stay_date, room_type_id);

CREATE TABLE reservation_notes (
    id              INTEGER PRIMARY KEY,
    reservation_id  INTEGER NOT NULL REFERENCES reservations(id),
    author          TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE cancellations (
    id              INTEGER PRIMARY KEY,
    reservation_id  INTEGER NOT NULL UNIQUE REFERENCES reservations(id),
    reason          TEXT,
    fee             NUMERIC NOT NULL DEFAULT 0,
    cancelled_by    TEXT,
    cancelled_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------- billing

CREATE TABLE folios (
    id              INTEGER PRIMARY KEY,
    number          TEXT NOT NULL UNIQUE,
    hotel_id        INTEGER NOT NULL REFERENCES hotels(id),
    reservation_id  INTEGER REFERENCES reservations(id),
    guest_id        INTEGER NOT NULL REFERENCES guests(id),
    status          TEXT NOT NULL DEFAULT 'open',   -- open, closed, void
    opened_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    closed_at       TIMESTAMP,
    company_name    TEXT,
    vat_number      TEXT
);

CREATE TABLE folio_lines (
    id              INTEGER PRIMARY KEY,
    folio_id        INTEGER NOT NULL REFERENCES folios(id),
    posted_on       DATE NOT NULL,
    code            TEXT NOT NULL,                  -- ROOM, FB, MINIBAR, TAX, ADJ, NOSHOW
    description     TEXT NOT NULL,
    quantity        NUMERIC NOT NULL DEFAULT 1,
    unit_price      NUMERIC NOT NULL,
    amount          NUMERIC NOT NULL,
    source_ref      TEXT,
    voided          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE payments (
    id              INTEGER PRIMARY KEY,
    folio_id        INTEGER NOT NULL REFERENCES folios(id),
    method          TEXT NOT NULL,                  -- card, cash, bank, voucher, city_ledger
    amount          NUMERIC NOT NULL,
    card_last4      TEXT,
    psp_reference   TEXT,
    taken_by        TEXT,
    taken_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE refunds (
    id              INTEGER PRIMARY KEY,
    payment_id      INTEGER NOT NULL REFERENCES payments(id),
    amount          NUMERIC NOT NULL,
    reason          TEXT,
    psp_reference   TEXT,
    approved_by     TEXT,
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- ---------------------------------------------------------------- housekeeping

CREATE TABLE room_status (
    room_id         INTEGER PRIMARY KEY REFERENCES rooms(id),
    hk_status       TEXT NOT NULL DEFAULT 'clean',  -- clean, dirty, inspected, pickup
    occupied        INTEGER NOT NULL DEFAULT 0,
    do_not_disturb  INTEGER NOT NULL DEFAULT 0,
    updated_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE hk_staff (
    id              INTEGER PRIMARY KEY,
    hotel_id        INTEGER NOT NULL REFERENCES hotels(id),
    name            TEXT NOT NULL,
    phone           TEXT,
    role            TEXT NOT NULL DEFAULT 'attendant', -- attendant, supervisor, runner
    active          INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE hk_shifts (
    id              INTEGER PRIMARY KEY,
    staff_id        INTEGER NOT NULL REFERENCES hk_staff(id),
    work_date       DATE NOT NULL,
    starts          TEXT NOT NULL,
    ends            TEXT NOT NULL,
    section         TEXT
);

CREATE TABLE hk_tasks (
    id              INTEGER PRIMARY KEY,
    room_id         INTEGER NOT NULL REFERENCES rooms(id),
    work_date       DATE NOT NULL,
    kind            TEXT NOT NULL,                  -- departure, stayover, deep_clean, turndown
    assigned_to     INTEGER REFERENCES hk_staff(id),
    status          TEXT NOT NULL DEFAULT 'todo',   -- todo, in_progress, done, skipped
    credits         NUMERIC NOT NULL DEFAULT 1,
    finished_at     TIMESTAMP
);

CREATE TABLE lost_found (
    id              INTEGER PRIMARY KEY,
    room_id         INTEGER REFERENCES rooms(id),
    found_on        DATE NOT NULL,
    description     TEXT NOT NULL,
    found_by        INTEGER REFERENCES hk_staff(id),
    returned_to     INTEGER REFERENCES guests(id),
    disposed        INTEGER NOT NULL DEFAULT 0
);

-- ---------------------------------------------------------------- restaurant / bar

CREATE TABLE outlets (
    id              INTEGER PRIMARY KEY,
    hotel_id        INTEGER NOT NULL REFERENCES hotels(id),
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL DEFAULT 'restaurant', -- restaurant, bar, room_service, spa
    opens           TEXT,
    closes          TEXT
);

CREATE TABLE menu_items (
    id              INTEGER PRIMARY KEY,
    outlet_id       INTEGER NOT NULL REFERENCES outlets(id),
    plu             TEXT NOT NULL,
    name            TEXT NOT NULL,
    category        TEXT NOT NULL,
    price           NUMERIC NOT NULL,
    vat_rate        NUMERIC NOT NULL DEFAULT 0.20,
    available       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (outlet_id, plu)
);

CREATE TABLE pos_orders (
    id              INTEGER PRIMARY KEY,
    outlet_id       INTEGER NOT NULL REFERENCES outlets(id),
    table_no        TEXT,
    room_id         INTEGER REFERENCES rooms(id),
    covers          INTEGER NOT NULL DEFAULT 1,
    status          TEXT NOT NULL DEFAULT 'open',   -- open, sent, settled, charged_to_room, void
    opened_by       TEXT,
    opened_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    settled_at      TIMESTAMP,
    total           NUMERIC NOT NULL DEFAULT 0,
    folio_id        INTEGER REFERENCES folios(id)
);

CREATE TABLE pos_order_lines (
    id              INTEGER PRIMARY KEY,
    order_id        INTEGER NOT NULL REFERENCES pos_orders(id),
    menu_item_id    INTEGER NOT NULL REFERENCES menu_items(id),
    quantity        INTEGER NOT NULL DEFAULT 1,
    price           NUMERIC NOT NULL,
    note            TEXT,
    comped          INTEGER NOT NULL DEFAULT 0
);

-- ---------------------------------------------------------------- channel manager (OTA)

CREATE TABLE ota_channels (
    id              INTEGER PRIMARY KEY,
    hotel_id        INTEGER NOT NULL REFERENCES hotels(id),
    code            TEXT NOT NULL,                  -- BKG, EXP, AIRBNB
    endpoint        TEXT NOT NULL,
    username        TEXT,
    api_key         TEXT,
    commission_pct  NUMERIC NOT NULL DEFAULT 15,
    enabled         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE ota_room_mappings (
    id              INTEGER PRIMARY KEY,
    channel_id      INTEGER NOT NULL REFERENCES ota_channels(id),
    room_type_id    INTEGER NOT NULL REFERENCES room_types(id),
    rate_plan_id    INTEGER NOT NULL REFERENCES rate_plans(id),
    external_room   TEXT NOT NULL,
    external_rate   TEXT NOT NULL
);

CREATE TABLE ota_sync_log (
    id              INTEGER PRIMARY KEY,
    channel_id      INTEGER NOT NULL REFERENCES ota_channels(id),
    direction       TEXT NOT NULL,                  -- push_ari, pull_bookings
    started_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    ok              INTEGER NOT NULL DEFAULT 0,
    message         TEXT
);

CREATE TABLE ota_inbound_bookings (
    id              INTEGER PRIMARY KEY,
    channel_id      INTEGER NOT NULL REFERENCES ota_channels(id),
    external_id     TEXT NOT NULL,
    payload         TEXT NOT NULL,
    received_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    reservation_id  INTEGER REFERENCES reservations(id),
    error           TEXT,
    UNIQUE (channel_id, external_id)
);

-- ---------------------------------------------------------------- views

-- Front desk "who owes what" screen and the night audit balance check.
CREATE VIEW folio_balances AS
SELECT f.id AS folio_id,
       f.number,
       f.hotel_id,
       f.status,
       f.reservation_id,
       r.confirmation,
       g.id AS guest_id,
       g.last_name || ', ' || g.first_name AS guest_name,
       COALESCE((SELECT SUM(l.amount) FROM folio_lines l
                 WHERE l.folio_id = f.id AND l.voided = 0), 0) AS charges,
       COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.folio_id = f.id), 0)
     - COALESCE((SELECT SUM(x.amount) FROM refunds x JOIN payments p2 ON p2.id = x.payment_id
                 WHERE p2.folio_id = f.id), 0) AS paid
FROM folios f
JOIN guests g ON g.id = f.guest_id
LEFT JOIN reservations r ON r.id = f.reservation_id;
