-- Paws & Claws practice system -- schema dump
-- regenerated from the live db by Derek, 2023-02. DO NOT hand edit, add a migration instead
-- (yes people still hand edit it)

PRAGMA foreign_keys = ON;

------------------------------------------------------------------ clients / pets

CREATE TABLE clients (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    title           VARCHAR(10),
    first_name      VARCHAR(80) NOT NULL,
    last_name       VARCHAR(80) NOT NULL,
    email           VARCHAR(200),
    phone           VARCHAR(30),
    mobile          VARCHAR(30),
    address1        VARCHAR(200),
    address2        VARCHAR(200),
    town            VARCHAR(100),
    postcode        VARCHAR(12),
    account_flag    VARCHAR(20) DEFAULT 'ok',      -- ok / cash_only / no_credit / banned
    merged_into     INTEGER REFERENCES clients(id),
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMP
);
CREATE INDEX idx_clients_last_name ON clients(last_name);
CREATE INDEX idx_clients_postcode ON clients(postcode);

CREATE TABLE client_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    staff_id    INTEGER REFERENCES staff(id),
    body        TEXT NOT NULL,
    is_alert    BOOLEAN DEFAULT 0,
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE species (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    name    VARCHAR(50) NOT NULL UNIQUE,
    exotic  BOOLEAN DEFAULT 0
);

CREATE TABLE breeds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    species_id  INTEGER NOT NULL REFERENCES species(id),
    name        VARCHAR(80) NOT NULL
);

CREATE TABLE pets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id       INTEGER NOT NULL REFERENCES clients(id),
    name            VARCHAR(80) NOT NULL,
    species_id      INTEGER NOT NULL REFERENCES species(id),
    breed_id        INTEGER REFERENCES breeds(id),
    sex             CHAR(2),                        -- M, F, MN, FN
    dob             DATE,
    colour          VARCHAR(60),
    microchip       VARCHAR(20),
    insured         BOOLEAN DEFAULT 0,
    deceased_on     DATE,
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_pets_client ON pets(client_id);
CREATE UNIQUE INDEX idx_pets_chip ON pets(microchip);

------------------------------------------------------------------ staff / rota

CREATE TABLE staff (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            VARCHAR(120) NOT NULL,
    email           VARCHAR(200) NOT NULL UNIQUE,
    pw_hash         VARCHAR(200),
    role            VARCHAR(20) NOT NULL,          -- vet / nurse / reception / admin / locum
    rcvs_number     VARCHAR(20),
    hourly_rate     NUMERIC(8,2),
    active          BOOLEAN DEFAULT 1,
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE shifts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    starts_at   TIMESTAMP NOT NULL,
    ends_at     TIMESTAMP NOT NULL,
    site        VARCHAR(30) DEFAULT 'main',
    note        VARCHAR(200)
);
CREATE INDEX idx_shifts_start ON shifts(starts_at);

CREATE TABLE leave_requests (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    from_date   DATE NOT NULL,
    to_date     DATE NOT NULL,
    kind        VARCHAR(20) DEFAULT 'holiday',
    status      VARCHAR(20) DEFAULT 'pending',
    decided_by  INTEGER REFERENCES staff(id),
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE on_call_rota (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    week_start  DATE NOT NULL,
    backup_id   INTEGER REFERENCES staff(id)
);

------------------------------------------------------------------ appointments

CREATE TABLE exam_rooms (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        VARCHAR(40) NOT NULL,
    site        VARCHAR(30) DEFAULT 'main',
    surgery_ok  BOOLEAN DEFAULT 0
);

CREATE TABLE appointment_types (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    code            VARCHAR(20) NOT NULL UNIQUE,
    label           VARCHAR(80) NOT NULL,
    minutes         INTEGER NOT NULL DEFAULT 15,
    needs_vet       BOOLEAN DEFAULT 1,
    colour          VARCHAR(10)
);

CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    client_id       INTEGER NOT NULL REFERENCES clients(id),
    staff_id        INTEGER REFERENCES staff(id),
    room_id         INTEGER REFERENCES exam_rooms(id),
    type_id         INTEGER NOT NULL REFERENCES appointment_types(id),
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    status          VARCHAR(20) DEFAULT 'booked',  -- booked / arrived / in_consult / done / cancelled / dna
    reason          VARCHAR(250),
    booked_by       INTEGER REFERENCES staff(id),
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_appt_start ON appointments(starts_at);
CREATE INDEX idx_appt_pet ON appointments(pet_id);

CREATE TABLE appointment_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
    old_status      VARCHAR(20),
    new_status      VARCHAR(20),
    staff_id        INTEGER REFERENCES staff(id),
    at              TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE waitlist (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    type_id         INTEGER REFERENCES appointment_types(id),
    preferred_vet   INTEGER REFERENCES staff(id),
    earliest        DATE,
    notes           VARCHAR(250),
    filled_appt_id  INTEGER REFERENCES appointments(id),
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

------------------------------------------------------------------ clinical

CREATE TABLE visits (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    appointment_id  INTEGER REFERENCES appointments(id),
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    vet_id          INTEGER NOT NULL REFERENCES staff(id),
    opened_at       TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    closed_at       TIMESTAMP,
    history         TEXT,
    exam_notes      TEXT,
    plan            TEXT,
    temperature_c   NUMERIC(4,1),
    heart_rate      INTEGER
);
CREATE INDEX idx_visits_pet ON visits(pet_id);

CREATE TABLE diagnoses (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id    INTEGER NOT NULL REFERENCES visits(id),
    code        VARCHAR(20),                       -- VeNom code when someone bothers
    description VARCHAR(250) NOT NULL,
    chronic     BOOLEAN DEFAULT 0
);

CREATE TABLE vaccine_types (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            VARCHAR(80) NOT NULL,
    species_id      INTEGER REFERENCES species(id),
    booster_days    INTEGER NOT NULL DEFAULT 365,
    primary_doses   INTEGER DEFAULT 2,
    product_id      INTEGER REFERENCES products(id)
);

CREATE TABLE vaccinations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    vaccine_type_id INTEGER NOT NULL REFERENCES vaccine_types(id),
    visit_id        INTEGER REFERENCES visits(id),
    given_on        DATE NOT NULL,
    batch_no        VARCHAR(40),
    due_on          DATE,
    given_by        INTEGER REFERENCES staff(id)
);
CREATE INDEX idx_vacc_due ON vaccinations(due_on);

CREATE TABLE weight_records (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pet_id      INTEGER NOT NULL REFERENCES pets(id),
    weighed_on  DATE NOT NULL,
    kg          NUMERIC(6,2) NOT NULL,
    bcs         INTEGER                             -- body condition 1-9
);

CREATE TABLE lab_orders (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id        INTEGER NOT NULL REFERENCES visits(id),
    panel           VARCHAR(40) NOT NULL,
    external_ref    VARCHAR(60),
    status          VARCHAR(20) DEFAULT 'ordered',
    ordered_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE lab_results (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_order_id    INTEGER NOT NULL REFERENCES lab_orders(id),
    analyte         VARCHAR(40) NOT NULL,
    value           VARCHAR(40),
    units           VARCHAR(20),
    ref_range       VARCHAR(40),
    flag            CHAR(1),
    received_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

------------------------------------------------------------------ pharmacy / stock

CREATE TABLE suppliers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            VARCHAR(120) NOT NULL,
    account_no      VARCHAR(40),
    edi_endpoint    VARCHAR(200),
    email           VARCHAR(200)
);

CREATE TABLE products (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    sku             VARCHAR(40) NOT NULL UNIQUE,
    name            VARCHAR(200) NOT NULL,
    kind            VARCHAR(20) DEFAULT 'drug',    -- drug / vaccine / food / sundry
    controlled      BOOLEAN DEFAULT 0,
    unit            VARCHAR(20) DEFAULT 'each',
    cost_price      NUMERIC(10,2),
    sell_price      NUMERIC(10,2),
    reorder_level   INTEGER DEFAULT 0,
    supplier_id     INTEGER REFERENCES suppliers(id),
    discontinued    BOOLEAN DEFAULT 0
);

CREATE TABLE stock_batches (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id      INTEGER NOT NULL REFERENCES products(id),
    batch_no        VARCHAR(40),
    expires_on      DATE,
    qty             NUMERIC(10,2) NOT NULL DEFAULT 0,
    received_on     DATE
);
CREATE INDEX idx_batches_product ON stock_batches(product_id);

CREATE TABLE stock_movements (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id        INTEGER NOT NULL REFERENCES stock_batches(id),
    qty             NUMERIC(10,2) NOT NULL,
    reason          VARCHAR(20) NOT NULL,          -- dispense / receive / adjust / expired
    ref             VARCHAR(60),
    staff_id        INTEGER REFERENCES staff(id),
    at              TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE prescriptions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id        INTEGER REFERENCES visits(id),
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    product_id      INTEGER NOT NULL REFERENCES products(id),
    qty             NUMERIC(10,2) NOT NULL,
    dose_text       VARCHAR(250),
    repeats         INTEGER DEFAULT 0,
    prescribed_by   INTEGER NOT NULL REFERENCES staff(id),
    dispensed_at    TIMESTAMP,
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE purchase_orders (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    supplier_id     INTEGER NOT NULL REFERENCES suppliers(id),
    status          VARCHAR(20) DEFAULT 'draft',   -- draft / sent / received / cancelled
    sent_at         TIMESTAMP,
    received_at     TIMESTAMP,
    created_by      INTEGER REFERENCES staff(id)
);

CREATE TABLE po_lines (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    po_id           INTEGER NOT NULL REFERENCES purchase_orders(id),
    product_id      INTEGER NOT NULL REFERENCES products(id),
    qty             INTEGER NOT NULL,
    unit_cost       NUMERIC(10,2)
);

------------------------------------------------------------------ billing

CREATE TABLE fee_schedule (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    code            VARCHAR(30) NOT NULL UNIQUE,
    description     VARCHAR(200) NOT NULL,
    amount          NUMERIC(10,2) NOT NULL,
    vat_rate        NUMERIC(4,2) DEFAULT 20.00,
    valid_from      DATE
);

CREATE TABLE invoices (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    number          VARCHAR(20) UNIQUE,
    client_id       INTEGER NOT NULL REFERENCES clients(id),
    visit_id        INTEGER REFERENCES visits(id),
    status          VARCHAR(20) DEFAULT 'draft',   -- draft / issued / paid / void / written_off
    issued_on       DATE,
    due_on          DATE,
    net_total       NUMERIC(10,2) DEFAULT 0,
    vat_total       NUMERIC(10,2) DEFAULT 0,
    gross_total     NUMERIC(10,2) DEFAULT 0,
    chased_count    INTEGER DEFAULT 0,
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_invoices_client ON invoices(client_id);

CREATE TABLE invoice_lines (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
    fee_code        VARCHAR(30),
    product_id      INTEGER REFERENCES products(id),
    description     VARCHAR(250) NOT NULL,
    qty             NUMERIC(10,2) DEFAULT 1,
    unit_price      NUMERIC(10,2) NOT NULL,
    vat_rate        NUMERIC(4,2) DEFAULT 20.00,
    discount_pct    NUMERIC(5,2) DEFAULT 0
);

CREATE TABLE payments (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
    amount          NUMERIC(10,2) NOT NULL,
    method          VARCHAR(20) NOT NULL,          -- cash / card / bacs / insurer
    provider_ref    VARCHAR(80),
    taken_by        INTEGER REFERENCES staff(id),
    taken_at        TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    refunded        NUMERIC(10,2) DEFAULT 0
);

CREATE TABLE insurance_policies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    insurer         VARCHAR(80) NOT NULL,
    policy_no       VARCHAR(60) NOT NULL,
    excess          NUMERIC(10,2) DEFAULT 0,
    direct_claims   BOOLEAN DEFAULT 1,
    valid_to        DATE
);

CREATE TABLE insurance_claims (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id       INTEGER NOT NULL REFERENCES insurance_policies(id),
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
    claimed_amount  NUMERIC(10,2) NOT NULL,
    status          VARCHAR(20) DEFAULT 'draft',   -- draft / submitted / queried / paid / rejected
    insurer_ref     VARCHAR(60),
    submitted_at    TIMESTAMP,
    settled_amount  NUMERIC(10,2),
    last_polled     TIMESTAMP
);

------------------------------------------------------------------ reminders / comms

CREATE TABLE message_templates (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    code        VARCHAR(40) NOT NULL UNIQUE,       -- VACC_DUE, APPT_TOMORROW, INV_OVERDUE ...
    channel     VARCHAR(10) DEFAULT 'sms',
    body        TEXT NOT NULL,
    active      BOOLEAN DEFAULT 1
);

CREATE TABLE reminders (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id       INTEGER NOT NULL REFERENCES clients(id),
    pet_id          INTEGER REFERENCES pets(id),
    template_code   VARCHAR(40) NOT NULL,
    send_after      TIMESTAMP NOT NULL,
    source_table    VARCHAR(40),                   -- which thing caused it, for dedupe
    source_id       INTEGER,
    status          VARCHAR(20) DEFAULT 'pending', -- pending / sent / failed / skipped
    attempts        INTEGER DEFAULT 0
);
CREATE UNIQUE INDEX idx_reminders_dedupe ON reminders(template_code, source_table, source_id);

CREATE TABLE outbound_messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    reminder_id     INTEGER REFERENCES reminders(id),
    client_id       INTEGER REFERENCES clients(id),
    channel         VARCHAR(10) NOT NULL,
    to_addr         VARCHAR(200) NOT NULL,
    body            TEXT,
    provider_id     VARCHAR(80),
    status          VARCHAR(20),
    sent_at         TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE contact_optouts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    channel     VARCHAR(10) NOT NULL,
    reason      VARCHAR(100),
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

------------------------------------------------------------------ views

CREATE VIEW v_outstanding_invoices AS
    SELECT i.id, i.number, i.client_id, c.last_name, c.first_name, i.gross_total,
           i.gross_total - COALESCE((SELECT SUM(p.amount - p.refunded) FROM payments p
                                     WHERE p.invoice_id = i.id), 0) AS balance,
           i.due_on, i.chased_count
      FROM invoices i
      JOIN clients c ON c.id = i.client_id
     WHERE i.status = 'issued';

CREATE VIEW v_vaccinations_due AS
    SELECT v.id AS vaccination_id, v.pet_id, p.name AS pet_name, p.client_id,
           vt.name AS vaccine, v.due_on
      FROM vaccinations v
      JOIN pets p ON p.id = v.pet_id
      JOIN vaccine_types vt ON vt.id = v.vaccine_type_id
     WHERE p.deceased_on IS NULL
       AND NOT EXISTS (SELECT 1 FROM vaccinations later
                        WHERE later.pet_id = v.pet_id
                          AND later.vaccine_type_id = v.vaccine_type_id
                          AND later.given_on > v.given_on);
