-- PawsPlus clinic management - PostgreSQL schema
-- Apply with: psql -d vetclinic -f schema.sql
-- NB: keep in sync with models.py by hand (no migrations tool, see README)

CREATE TABLE clinics (
    id          SERIAL PRIMARY KEY,
    code        VARCHAR(8) NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    address     TEXT,
    phone       VARCHAR(32),
    opens_at    TIME NOT NULL DEFAULT '08:00',
    closes_at   TIME NOT NULL DEFAULT '19:00',
    active      BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE staff (
    id             SERIAL PRIMARY KEY,
    clinic_id      INTEGER REFERENCES clinics(id),
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    email          TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    role           VARCHAR(20) NOT NULL DEFAULT 'reception',  -- vet, nurse, reception, admin
    licence_no     VARCHAR(32),
    active         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE shifts (
    id          SERIAL PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    clinic_id   INTEGER NOT NULL REFERENCES clinics(id),
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL,
    kind        VARCHAR(16) NOT NULL DEFAULT 'regular',  -- regular, on_call
    created_by  INTEGER REFERENCES staff(id)
);
CREATE INDEX shifts_clinic_start_idx ON shifts (clinic_id, starts_at);

CREATE TABLE leave_requests (
    id          SERIAL PRIMARY KEY,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    starts_on   DATE NOT NULL,
    ends_on     DATE NOT NULL,
    reason      TEXT,
    status      VARCHAR(12) NOT NULL DEFAULT 'pending',
    decided_by  INTEGER REFERENCES staff(id),
    decided_at  TIMESTAMPTZ
);

CREATE TABLE owners (
    id                   SERIAL PRIMARY KEY,
    first_name           TEXT NOT NULL,
    last_name            TEXT NOT NULL,
    email                TEXT,
    phone                VARCHAR(32),
    address              TEXT,
    postcode             VARCHAR(12),
    preferred_clinic_id  INTEGER REFERENCES clinics(id),
    sms_opt_in           BOOLEAN NOT NULL DEFAULT TRUE,
    marketing_opt_in     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at           TIMESTAMPTZ
);
CREATE INDEX owners_last_name_idx ON owners (lower(last_name));

CREATE TABLE notifications (
    id          SERIAL PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES owners(id),
    channel     VARCHAR(8) NOT NULL,  -- email, sms
    template    VARCHAR(40) NOT NULL,
    payload     JSONB,
    status      VARCHAR(12) NOT NULL DEFAULT 'queued',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ
);

CREATE TABLE species (
    id    SERIAL PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
);

CREATE TABLE breeds (
    id          SERIAL PRIMARY KEY,
    species_id  INTEGER NOT NULL REFERENCES species(id),
    name        TEXT NOT NULL
);

CREATE TABLE pets (
    id           SERIAL PRIMARY KEY,
    owner_id     INTEGER NOT NULL REFERENCES owners(id),
    name         TEXT NOT NULL,
    species_id   INTEGER NOT NULL REFERENCES species(id),
    breed_id     INTEGER REFERENCES breeds(id),
    sex          CHAR(1),
    dob          DATE,
    microchip    VARCHAR(20) UNIQUE,
    neutered     BOOLEAN NOT NULL DEFAULT FALSE,
    deceased_on  DATE,
    notes        TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE pet_weights (
    id           SERIAL PRIMARY KEY,
    pet_id       INTEGER NOT NULL REFERENCES pets(id),
    weight_kg    NUMERIC(6, 2) NOT NULL,
    measured_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    measured_by  INTEGER REFERENCES staff(id)
);

CREATE TABLE appointment_types (
    id                  SERIAL PRIMARY KEY,
    code                VARCHAR(16) NOT NULL UNIQUE,
    label               TEXT NOT NULL,
    duration_min        INTEGER NOT NULL DEFAULT 15,
    default_price_code  VARCHAR(16)
);

CREATE TABLE rooms (
    id         SERIAL PRIMARY KEY,
    clinic_id  INTEGER NOT NULL REFERENCES clinics(id),
    name       TEXT NOT NULL,
    kind       VARCHAR(16) NOT NULL DEFAULT 'consult'  -- consult, surgery, kennel
);

CREATE TABLE appointments (
    id                SERIAL PRIMARY KEY,
    clinic_id         INTEGER NOT NULL REFERENCES clinics(id),
    pet_id            INTEGER NOT NULL REFERENCES pets(id),
    owner_id          INTEGER NOT NULL REFERENCES owners(id),
    vet_id            INTEGER REFERENCES staff(id),
    room_id           INTEGER REFERENCES rooms(id),
    type_id           INTEGER NOT NULL REFERENCES appointment_types(id),
    starts_at         TIMESTAMPTZ NOT NULL,
    ends_at           TIMESTAMPTZ NOT NULL,
    status            VARCHAR(12) NOT NULL DEFAULT 'booked',
    reason            TEXT,
    created_by        INTEGER REFERENCES staff(id),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    reminder_sent_at  TIMESTAMPTZ
);
CREATE INDEX appointments_clinic_day_idx ON appointments (clinic_id, starts_at);

CREATE TABLE waitlist_entries (
    id              SERIAL PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    owner_id        INTEGER NOT NULL REFERENCES owners(id),
    type_id         INTEGER REFERENCES appointment_types(id),
    preferred_from  DATE,
    preferred_to    DATE,
    note            TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at     TIMESTAMPTZ
);

CREATE TABLE visits (
    id               SERIAL PRIMARY KEY,
    appointment_id   INTEGER REFERENCES appointments(id),
    pet_id           INTEGER NOT NULL REFERENCES pets(id),
    vet_id           INTEGER NOT NULL REFERENCES staff(id),
    clinic_id        INTEGER NOT NULL REFERENCES clinics(id),
    started_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at        TIMESTAMPTZ,
    chief_complaint  TEXT,
    temperature_c    NUMERIC(4, 1),
    heart_rate       INTEGER,
    status           VARCHAR(8) NOT NULL DEFAULT 'open'
);

CREATE TABLE clinical_notes (
    id          SERIAL PRIMARY KEY,
    visit_id    INTEGER NOT NULL REFERENCES visits(id),
    author_id   INTEGER NOT NULL REFERENCES staff(id),
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    amended_at  TIMESTAMPTZ
);

CREATE TABLE diagnoses (
    id           SERIAL PRIMARY KEY,
    visit_id     INTEGER NOT NULL REFERENCES visits(id),
    code         VARCHAR(16),
    description  TEXT NOT NULL,
    severity     VARCHAR(8)
);

CREATE TABLE vaccinations (
    id        SERIAL PRIMARY KEY,
    pet_id    INTEGER NOT NULL REFERENCES pets(id),
    visit_id  INTEGER REFERENCES visits(id),
    vaccine   TEXT NOT NULL,
    batch_no  VARCHAR(32),
    given_on  DATE NOT NULL,
    due_on    DATE,
    given_by  INTEGER REFERENCES staff(id)
);
CREATE INDEX vaccinations_due_idx ON vaccinations (due_on);

CREATE TABLE lab_results (
    id           SERIAL PRIMARY KEY,
    visit_id     INTEGER REFERENCES visits(id),
    pet_id       INTEGER NOT NULL REFERENCES pets(id),
    lab_name     TEXT,
    test_code    VARCHAR(24) NOT NULL,
    value        TEXT,
    unit         VARCHAR(16),
    ref_low      NUMERIC,
    ref_high     NUMERIC,
    flagged      BOOLEAN NOT NULL DEFAULT FALSE,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE drugs (
    id             SERIAL PRIMARY KEY,
    name           TEXT NOT NULL,
    form           VARCHAR(16),        -- tablet, liquid, injection
    strength_mg    NUMERIC(8, 2),
    unit           VARCHAR(8) NOT NULL DEFAULT 'tab',
    controlled     BOOLEAN NOT NULL DEFAULT FALSE,
    mg_per_kg      NUMERIC(8, 3),
    price_code     VARCHAR(16),
    reorder_level  INTEGER NOT NULL DEFAULT 10,
    active         BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE drug_stock (
    id          SERIAL PRIMARY KEY,
    drug_id     INTEGER NOT NULL REFERENCES drugs(id),
    clinic_id   INTEGER NOT NULL REFERENCES clinics(id),
    batch_no    VARCHAR(32) NOT NULL,
    expires_on  DATE NOT NULL,
    quantity    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (drug_id, clinic_id, batch_no)
);

CREATE TABLE prescriptions (
    id             SERIAL PRIMARY KEY,
    visit_id       INTEGER REFERENCES visits(id),
    pet_id         INTEGER NOT NULL REFERENCES pets(id),
    drug_id        INTEGER NOT NULL REFERENCES drugs(id),
    prescribed_by  INTEGER NOT NULL REFERENCES staff(id),
    dose           TEXT NOT NULL,
    frequency      TEXT,
    quantity       INTEGER NOT NULL,
    repeats        INTEGER NOT NULL DEFAULT 0,
    repeats_used   INTEGER NOT NULL DEFAULT 0,
    status         VARCHAR(12) NOT NULL DEFAULT 'new',  -- new, dispensed, cancelled
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    dispensed_at   TIMESTAMPTZ
);

CREATE TABLE stock_movements (
    id               SERIAL PRIMARY KEY,
    stock_id         INTEGER NOT NULL REFERENCES drug_stock(id),
    prescription_id  INTEGER REFERENCES prescriptions(id),
    delta            INTEGER NOT NULL,
    reason           VARCHAR(16) NOT NULL,  -- receive, dispense, expire, adjust
    moved_by         INTEGER REFERENCES staff(id),
    moved_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE service_prices (
    id        SERIAL PRIMARY KEY,
    code      VARCHAR(16) NOT NULL UNIQUE,
    label     TEXT NOT NULL,
    amount    NUMERIC(10, 2) NOT NULL,
    vat_rate  NUMERIC(4, 2) NOT NULL DEFAULT 0.20,
    active    BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE invoices (
    id             SERIAL PRIMARY KEY,
    number         VARCHAR(20) UNIQUE,
    owner_id       INTEGER NOT NULL REFERENCES owners(id),
    clinic_id      INTEGER NOT NULL REFERENCES clinics(id),
    visit_id       INTEGER REFERENCES visits(id),
    status         VARCHAR(8) NOT NULL DEFAULT 'draft',  -- draft, issued, paid, overdue, void
    issued_on      DATE,
    due_on         DATE,
    total          NUMERIC(10, 2) NOT NULL DEFAULT 0,
    vat_total      NUMERIC(10, 2) NOT NULL DEFAULT 0,
    dunning_level  INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE invoice_lines (
    id               SERIAL PRIMARY KEY,
    invoice_id       INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    price_code       VARCHAR(16),
    description      TEXT NOT NULL,
    qty              NUMERIC(8, 2) NOT NULL DEFAULT 1,
    unit_price       NUMERIC(10, 2) NOT NULL,
    vat_rate         NUMERIC(4, 2) NOT NULL DEFAULT 0.20,
    line_total       NUMERIC(10, 2) NOT NULL,
    prescription_id  INTEGER REFERENCES prescriptions(id)
);

CREATE TABLE payments (
    id          SERIAL PRIMARY KEY,
    invoice_id  INTEGER NOT NULL REFERENCES invoices(id),
    amount      NUMERIC(10, 2) NOT NULL,
    method      VARCHAR(12) NOT NULL,  -- card, cash, bank, insurer
    reference   TEXT,
    paid_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    taken_by    INTEGER REFERENCES staff(id)
);

CREATE TABLE insurance_claims (
    id              SERIAL PRIMARY KEY,
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
    insurer         TEXT NOT NULL,
    policy_no       VARCHAR(40) NOT NULL,
    status          VARCHAR(12) NOT NULL DEFAULT 'draft',
    amount_claimed  NUMERIC(10, 2) NOT NULL,
    amount_paid     NUMERIC(10, 2),
    submitted_at    TIMESTAMPTZ
);

-- what each owner still owes; used by reception and by the dunning job
CREATE VIEW owner_balances AS
SELECT o.id AS owner_id,
       o.first_name,
       o.last_name,
       COALESCE(inv.billed, 0) - COALESCE(pay.paid, 0) AS balance
FROM owners o
LEFT JOIN (
    SELECT owner_id, SUM(total) AS billed
    FROM invoices
    WHERE status IN ('issued', 'overdue', 'paid')
    GROUP BY owner_id
) inv ON inv.owner_id = o.id
LEFT JOIN (
    SELECT i.owner_id, SUM(p.amount) AS paid
    FROM payments p
    JOIN invoices i ON i.id = p.invoice_id
    GROUP BY i.owner_id
) pay ON pay.owner_id = o.id
WHERE o.deleted_at IS NULL;
