-- ===================================================================
-- TelcoBSS back office schema (PostgreSQL 9.6+, runs fine on 12)
-- Maintained by hand. Apply changes with sql/patches/*.sql (not in repo,
-- ask Ops). Last full re-dump: 2021-03.
-- ===================================================================

SET client_encoding = 'UTF8';

-- -------------------------------------------------------------------
-- Billing cycles first because accounts reference them
-- -------------------------------------------------------------------
CREATE TABLE bill_cycles (
    id              serial PRIMARY KEY,
    name            varchar(40) NOT NULL,
    cycle_day       smallint NOT NULL CHECK (cycle_day BETWEEN 1 AND 28),
    active          boolean NOT NULL DEFAULT true
);

-- -------------------------------------------------------------------
-- Customers
-- -------------------------------------------------------------------
CREATE TABLE accounts (
    id              serial PRIMARY KEY,
    account_no      varchar(20) NOT NULL UNIQUE,
    name            varchar(200) NOT NULL,
    account_type    varchar(20) NOT NULL DEFAULT 'consumer',   -- consumer | business
    status          varchar(20) NOT NULL DEFAULT 'active',     -- active | closed | fraud
    bill_cycle_id   integer REFERENCES bill_cycles(id),
    credit_limit    numeric(12,2) NOT NULL DEFAULT 0,
    vat_exempt      boolean NOT NULL DEFAULT false,
    vat_number      varchar(30),
    paper_invoice   boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    closed_at       timestamptz
);

CREATE TABLE account_contacts (
    id              serial PRIMARY KEY,
    account_id      integer NOT NULL REFERENCES accounts(id),
    contact_type    varchar(20) NOT NULL DEFAULT 'billing',
    name            varchar(200),
    email           varchar(200),
    phone           varchar(30),
    is_primary      boolean NOT NULL DEFAULT false
);

CREATE TABLE account_addresses (
    id              serial PRIMARY KEY,
    account_id      integer NOT NULL REFERENCES accounts(id),
    addr_type       varchar(20) NOT NULL DEFAULT 'billing',   -- billing | delivery | installation
    line1           varchar(200) NOT NULL,
    line2           varchar(200),
    city            varchar(100) NOT NULL,
    postcode        varchar(20) NOT NULL,
    country         char(2) NOT NULL DEFAULT 'NL'
);

CREATE TABLE account_notes (
    id              serial PRIMARY KEY,
    account_id      integer NOT NULL REFERENCES accounts(id),
    note            text NOT NULL,
    author          varchar(60) NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE subscribers (
    id              serial PRIMARY KEY,
    account_id      integer NOT NULL REFERENCES accounts(id),
    msisdn          varchar(20) UNIQUE,
    imsi            varchar(20),
    iccid           varchar(22),
    status          varchar(20) NOT NULL DEFAULT 'pending',  -- pending|active|barred|suspended|terminated
    barring_reason  varchar(40),
    activated_at    timestamptz,
    terminated_at   timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_subscribers_account ON subscribers(account_id);

CREATE TABLE subscriber_status_log (
    id              bigserial PRIMARY KEY,
    subscriber_id   integer NOT NULL REFERENCES subscribers(id),
    old_status      varchar(20),
    new_status      varchar(20) NOT NULL,
    reason          varchar(200),
    changed_by      varchar(60),
    changed_at      timestamptz NOT NULL DEFAULT now()
);

-- -------------------------------------------------------------------
-- Product catalogue / subscriptions
-- -------------------------------------------------------------------
CREATE TABLE plans (
    id                  serial PRIMARY KEY,
    code                varchar(30) NOT NULL UNIQUE,
    name                varchar(100) NOT NULL,
    plan_type           varchar(10) NOT NULL DEFAULT 'postpaid',
    monthly_fee         numeric(10,2) NOT NULL DEFAULT 0,
    data_mb_included    integer NOT NULL DEFAULT 0,
    voice_min_included  integer NOT NULL DEFAULT 0,
    sms_included        integer NOT NULL DEFAULT 0,
    active              boolean NOT NULL DEFAULT true,
    valid_from          date NOT NULL DEFAULT current_date,
    valid_to            date
);

CREATE TABLE tariff_zones (
    id              serial PRIMARY KEY,
    code            varchar(20) NOT NULL UNIQUE,    -- NATIONAL, EU, ROW1, ROW2, PREMIUM
    name            varchar(100) NOT NULL,
    description     text
);

CREATE TABLE tariff_rates (
    id              serial PRIMARY KEY,
    plan_id         integer NOT NULL REFERENCES plans(id),
    zone_id         integer NOT NULL REFERENCES tariff_zones(id),
    service         varchar(10) NOT NULL,          -- voice | sms | data
    unit_price      numeric(10,5) NOT NULL,
    unit            varchar(10) NOT NULL,          -- min | msg | mb
    valid_from      date NOT NULL DEFAULT current_date,
    UNIQUE (plan_id, zone_id, service, valid_from)
);

CREATE TABLE addons (
    id              serial PRIMARY KEY,
    code            varchar(30) NOT NULL UNIQUE,
    name            varchar(100) NOT NULL,
    fee             numeric(10,2) NOT NULL,
    data_mb         integer NOT NULL DEFAULT 0,
    voice_min       integer NOT NULL DEFAULT 0,
    sms             integer NOT NULL DEFAULT 0,
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE subscriptions (
    id              serial PRIMARY KEY,
    subscriber_id   integer NOT NULL REFERENCES subscribers(id),
    plan_id         integer NOT NULL REFERENCES plans(id),
    start_date      date NOT NULL,
    end_date        date,
    status          varchar(20) NOT NULL DEFAULT 'active',
    contract_months smallint NOT NULL DEFAULT 0
);
CREATE INDEX ix_subscriptions_sub ON subscriptions(subscriber_id);

CREATE TABLE subscription_addons (
    id              serial PRIMARY KEY,
    subscription_id integer NOT NULL REFERENCES subscriptions(id),
    addon_id        integer NOT NULL REFERENCES addons(id),
    start_date      date NOT NULL,
    end_date        date
);

CREATE TABLE promotions (
    id              serial PRIMARY KEY,
    code            varchar(30) NOT NULL UNIQUE,
    plan_id         integer REFERENCES plans(id),
    discount_pct    numeric(5,2) NOT NULL,
    months          smallint NOT NULL DEFAULT 3,
    valid_to        date
);

-- -------------------------------------------------------------------
-- Network inventory
-- -------------------------------------------------------------------
CREATE TABLE network_sites (
    id              serial PRIMARY KEY,
    site_code       varchar(20) NOT NULL UNIQUE,
    name            varchar(100) NOT NULL,
    region          varchar(40) NOT NULL,
    lat             numeric(9,6),
    lon             numeric(9,6),
    status          varchar(20) NOT NULL DEFAULT 'live'
);

CREATE TABLE network_elements (
    id              serial PRIMARY KEY,
    name            varchar(60) NOT NULL UNIQUE,
    element_type    varchar(20) NOT NULL,   -- msc hlr sgsn ggsn smsc bts nodeb enodeb
    site_id         integer REFERENCES network_sites(id),
    vendor          varchar(40),
    ip_address      inet,
    sw_version      varchar(40),
    status          varchar(20) NOT NULL DEFAULT 'up',
    last_polled     timestamptz
);

CREATE TABLE cells (
    id              serial PRIMARY KEY,
    cell_id         varchar(30) NOT NULL UNIQUE,    -- LAC-CI or ECGI
    element_id      integer NOT NULL REFERENCES network_elements(id),
    site_id         integer NOT NULL REFERENCES network_sites(id),
    technology      varchar(5) NOT NULL,            -- 2G 3G 4G
    sector          smallint,
    status          varchar(20) NOT NULL DEFAULT 'on_air'
);

CREATE TABLE element_alarms (
    id              bigserial PRIMARY KEY,
    element_id      integer NOT NULL REFERENCES network_elements(id),
    severity        varchar(10) NOT NULL,
    alarm_text      varchar(400) NOT NULL,
    raised_at       timestamptz NOT NULL DEFAULT now(),
    cleared_at      timestamptz
);

CREATE TABLE maintenance_windows (
    id              serial PRIMARY KEY,
    element_id      integer NOT NULL REFERENCES network_elements(id),
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    description     text,
    notify_customers boolean NOT NULL DEFAULT false,
    notified_at     timestamptz
);

-- -------------------------------------------------------------------
-- Usage / rating
-- -------------------------------------------------------------------
CREATE TABLE roaming_partners (
    id              serial PRIMARY KEY,
    tadig_code      varchar(5) NOT NULL UNIQUE,
    name            varchar(100) NOT NULL,
    country         char(2) NOT NULL,
    zone_id         integer NOT NULL REFERENCES tariff_zones(id),
    markup_pct      numeric(5,2) NOT NULL DEFAULT 0
);

CREATE TABLE cdr_files (
    id              serial PRIMARY KEY,
    filename        varchar(200) NOT NULL UNIQUE,
    source          varchar(10) NOT NULL,       -- msc | sgsn | smsc | tap
    received_at     timestamptz NOT NULL DEFAULT now(),
    record_count    integer,
    status          varchar(20) NOT NULL DEFAULT 'loading',
    error           text
);

CREATE TABLE raw_cdrs (
    id              bigserial PRIMARY KEY,
    file_id         integer NOT NULL REFERENCES cdr_files(id),
    record_type     varchar(10) NOT NULL,       -- MOC MTC SMSMO SMSMT GPRS
    msisdn          varchar(20) NOT NULL,
    other_party     varchar(30),
    start_time      timestamptz NOT NULL,
    duration_sec    integer NOT NULL DEFAULT 0,
    volume_kb       bigint NOT NULL DEFAULT 0,
    cell_id         varchar(30),
    roaming_tadig   varchar(5),
    status          varchar(10) NOT NULL DEFAULT 'new',
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_raw_cdrs_status ON raw_cdrs(status) WHERE status = 'new';

CREATE TABLE rated_usage (
    id              bigserial PRIMARY KEY,
    raw_cdr_id      bigint REFERENCES raw_cdrs(id),
    subscriber_id   integer NOT NULL REFERENCES subscribers(id),
    service         varchar(10) NOT NULL,
    zone_code       varchar(20) NOT NULL,
    units           numeric(14,3) NOT NULL,
    free_units      numeric(14,3) NOT NULL DEFAULT 0,
    amount          numeric(12,4) NOT NULL,
    usage_date      date NOT NULL,
    billed_run_id   integer
);
CREATE INDEX ix_rated_usage_unbilled ON rated_usage(subscriber_id) WHERE billed_run_id IS NULL;

CREATE TABLE rating_rejects (
    id              bigserial PRIMARY KEY,
    raw_cdr_id      bigint NOT NULL REFERENCES raw_cdrs(id),
    reason          varchar(100) NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    reprocessed     boolean NOT NULL DEFAULT false
);

CREATE TABLE usage_bundles (
    id              serial PRIMARY KEY,
    subscriber_id   integer NOT NULL REFERENCES subscribers(id),
    period          date NOT NULL,              -- first of month
    service         varchar(10) NOT NULL,
    allowance       numeric(14,3) NOT NULL,
    used            numeric(14,3) NOT NULL DEFAULT 0,
    UNIQUE (subscriber_id, period, service)
);

-- -------------------------------------------------------------------
-- Billing
-- -------------------------------------------------------------------
CREATE TABLE tax_rates (
    id              serial PRIMARY KEY,
    code            varchar(10) NOT NULL,
    rate            numeric(5,4) NOT NULL,
    valid_from      date NOT NULL,
    valid_to        date
);

CREATE TABLE billing_runs (
    id              serial PRIMARY KEY,
    cycle_id        integer NOT NULL REFERENCES bill_cycles(id),
    period_start    date NOT NULL,
    period_end      date NOT NULL,
    status          varchar(20) NOT NULL DEFAULT 'running',
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    invoice_count   integer NOT NULL DEFAULT 0,
    total_amount    numeric(14,2) NOT NULL DEFAULT 0,
    is_test         boolean NOT NULL DEFAULT false
);
ALTER TABLE rated_usage ADD CONSTRAINT fk_rated_usage_run
    FOREIGN KEY (billed_run_id) REFERENCES billing_runs(id);

CREATE SEQUENCE invoice_no_seq START 100000;

CREATE TABLE invoices (
    id              serial PRIMARY KEY,
    invoice_no      varchar(20) NOT NULL UNIQUE,
    account_id      integer NOT NULL REFERENCES accounts(id),
    run_id          integer REFERENCES billing_runs(id),
    period_start    date NOT NULL,
    period_end      date NOT NULL,
    issue_date      date NOT NULL,
    due_date        date NOT NULL,
    net_amount      numeric(12,2) NOT NULL DEFAULT 0,
    vat_amount      numeric(12,2) NOT NULL DEFAULT 0,
    total_amount    numeric(12,2) NOT NULL DEFAULT 0,
    status          varchar(20) NOT NULL DEFAULT 'draft',
    pdf_path        varchar(300),
    sent_at         timestamptz
);
CREATE INDEX ix_invoices_account ON invoices(account_id);

CREATE TABLE invoice_lines (
    id              bigserial PRIMARY KEY,
    invoice_id      integer NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    subscriber_id   integer REFERENCES subscribers(id),
    line_type       varchar(20) NOT NULL,
    description     varchar(300) NOT NULL,
    quantity        numeric(14,3) NOT NULL DEFAULT 1,
    unit_price      numeric(12,5) NOT NULL DEFAULT 0,
    amount          numeric(12,2) NOT NULL,
    vat_rate        numeric(5,4) NOT NULL DEFAULT 0
);

CREATE TABLE credit_notes (
    id              serial PRIMARY KEY,
    credit_no       varchar(20) NOT NULL UNIQUE,
    invoice_id      integer NOT NULL REFERENCES invoices(id),
    amount          numeric(12,2) NOT NULL,
    reason          varchar(300) NOT NULL,
    created_by      varchar(60) NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE one_off_charges (
    id                  serial PRIMARY KEY,
    account_id          integer NOT NULL REFERENCES accounts(id),
    subscriber_id       integer REFERENCES subscribers(id),
    description         varchar(200) NOT NULL,
    amount              numeric(10,2) NOT NULL,
    charge_date         date NOT NULL DEFAULT current_date,
    billed_invoice_id   integer REFERENCES invoices(id)
);

-- -------------------------------------------------------------------
-- Payments / collections
-- -------------------------------------------------------------------
CREATE TABLE payment_methods (
    id              serial PRIMARY KEY,
    account_id      integer NOT NULL REFERENCES accounts(id),
    method          varchar(10) NOT NULL,           -- dd | card | transfer
    iban            varchar(34),
    bic             varchar(11),
    mandate_ref     varchar(35),
    mandate_date    date,
    card_token      varchar(64),
    is_default      boolean NOT NULL DEFAULT false
);

CREATE TABLE payments (
    id              serial PRIMARY KEY,
    account_id      integer REFERENCES accounts(id),
    amount          numeric(12,2) NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    method          varchar(10) NOT NULL,
    reference       varchar(140),
    source          varchar(10) NOT NULL DEFAULT 'manual',
    status          varchar(20) NOT NULL DEFAULT 'unallocated',
    bank_stmt_line  text
);

CREATE TABLE payment_allocations (
    id              serial PRIMARY KEY,
    payment_id      integer NOT NULL REFERENCES payments(id),
    invoice_id      integer NOT NULL REFERENCES invoices(id),
    amount          numeric(12,2) NOT NULL,
    allocated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dunning_cases (
    id              serial PRIMARY KEY,
    account_id      integer NOT NULL REFERENCES accounts(id),
    opened_at       timestamptz NOT NULL DEFAULT now(),
    closed_at       timestamptz,
    status          varchar(20) NOT NULL DEFAULT 'open',
    current_step    smallint NOT NULL DEFAULT 0,
    balance_due     numeric(12,2) NOT NULL
);

CREATE TABLE dunning_actions (
    id              serial PRIMARY KEY,
    case_id         integer NOT NULL REFERENCES dunning_cases(id),
    step            smallint NOT NULL,
    action          varchar(20) NOT NULL,   -- reminder sms bar disconnect agency
    executed_at     timestamptz NOT NULL DEFAULT now(),
    result          varchar(200)
);

CREATE TABLE dd_batches (
    id              serial PRIMARY KEY,
    created_at      timestamptz NOT NULL DEFAULT now(),
    collection_date date NOT NULL,
    filename        varchar(200),
    item_count      integer NOT NULL DEFAULT 0,
    total_amount    numeric(14,2) NOT NULL DEFAULT 0,
    status          varchar(20) NOT NULL DEFAULT 'created'
);

CREATE TABLE dd_batch_items (
    id                  serial PRIMARY KEY,
    batch_id            integer NOT NULL REFERENCES dd_batches(id),
    invoice_id          integer NOT NULL REFERENCES invoices(id),
    payment_method_id   integer NOT NULL REFERENCES payment_methods(id),
    amount              numeric(12,2) NOT NULL,
    status              varchar(20) NOT NULL DEFAULT 'pending',
    return_code         varchar(10)
);

-- -------------------------------------------------------------------
-- Provisioning
-- -------------------------------------------------------------------
CREATE TABLE operators (
    id              serial PRIMARY KEY,
    code            varchar(10) NOT NULL UNIQUE,
    name            varchar(100) NOT NULL,
    routing_number  varchar(10) NOT NULL
);

CREATE TABLE sim_cards (
    id              serial PRIMARY KEY,
    iccid           varchar(22) NOT NULL UNIQUE,
    imsi            varchar(20) NOT NULL UNIQUE,
    ki_ref          varchar(40) NOT NULL,
    pin1            varchar(8),
    puk1            varchar(8),
    status          varchar(20) NOT NULL DEFAULT 'stock',
    batch_no        varchar(20),
    warehouse       varchar(20),
    subscriber_id   integer REFERENCES subscribers(id),
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE msisdn_pool (
    msisdn                  varchar(20) PRIMARY KEY,
    status                  varchar(20) NOT NULL DEFAULT 'free',
    number_type             varchar(10) NOT NULL DEFAULT 'regular',
    reserved_until          timestamptz,
    assigned_subscriber_id  integer REFERENCES subscribers(id),
    quarantine_until        date
);

CREATE TABLE port_requests (
    id                  serial PRIMARY KEY,
    direction           varchar(3) NOT NULL,        -- in | out
    msisdn              varchar(20) NOT NULL,
    donor_operator_id   integer REFERENCES operators(id),
    recipient_operator_id integer REFERENCES operators(id),
    subscriber_id       integer REFERENCES subscribers(id),
    requested_date      date NOT NULL DEFAULT current_date,
    port_date           date,
    status              varchar(20) NOT NULL DEFAULT 'requested',
    npc_ref             varchar(40),
    reject_reason       varchar(200)
);

CREATE TABLE prov_orders (
    id              serial PRIMARY KEY,
    subscriber_id   integer NOT NULL REFERENCES subscribers(id),
    order_type      varchar(20) NOT NULL,
    status          varchar(20) NOT NULL DEFAULT 'pending',
    payload         json,
    requested_by    varchar(60),
    created_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    attempts        smallint NOT NULL DEFAULT 0,
    last_error      text
);

CREATE TABLE prov_commands (
    id              bigserial PRIMARY KEY,
    order_id        integer NOT NULL REFERENCES prov_orders(id),
    element_id      integer NOT NULL REFERENCES network_elements(id),
    command         text NOT NULL,
    response        text,
    status          varchar(10) NOT NULL DEFAULT 'sent',
    sent_at         timestamptz NOT NULL DEFAULT now()
);

-- -------------------------------------------------------------------
-- Customer support
-- -------------------------------------------------------------------
CREATE TABLE sla_policies (
    id              serial PRIMARY KEY,
    priority        varchar(10) NOT NULL UNIQUE,    -- P1..P4
    response_hours  integer NOT NULL,
    resolve_hours   integer NOT NULL
);

CREATE TABLE ticket_categories (
    id                  serial PRIMARY KEY,
    name                varchar(60) NOT NULL UNIQUE,
    default_priority    varchar(10) NOT NULL DEFAULT 'P3',
    team                varchar(40) NOT NULL DEFAULT 'frontoffice'
);

CREATE TABLE tickets (
    id                  serial PRIMARY KEY,
    ticket_no           varchar(20) NOT NULL UNIQUE,
    account_id          integer REFERENCES accounts(id),
    subscriber_id       integer REFERENCES subscribers(id),
    category_id         integer REFERENCES ticket_categories(id),
    priority            varchar(10) NOT NULL DEFAULT 'P3',
    status              varchar(20) NOT NULL DEFAULT 'open',
    subject             varchar(200) NOT NULL,
    description         text,
    source              varchar(10) NOT NULL DEFAULT 'phone',
    assigned_to         varchar(60),
    related_element_id  integer REFERENCES network_elements(id),
    opened_at           timestamptz NOT NULL DEFAULT now(),
    first_response_at   timestamptz,
    resolved_at         timestamptz
);

CREATE TABLE ticket_comments (
    id              serial PRIMARY KEY,
    ticket_id       integer NOT NULL REFERENCES tickets(id),
    author          varchar(60) NOT NULL,
    body            text NOT NULL,
    internal        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ticket_escalations (
    id              serial PRIMARY KEY,
    ticket_id       integer NOT NULL REFERENCES tickets(id),
    level           smallint NOT NULL,
    reason          varchar(200),
    escalated_at    timestamptz NOT NULL DEFAULT now()
);

-- ===================================================================
-- Views
-- ===================================================================
CREATE VIEW v_account_balance AS
SELECT a.id AS account_id,
       a.account_no,
       COALESCE(inv.total, 0) - COALESCE(pay.total, 0) - COALESCE(cn.total, 0) AS balance,
       inv.oldest_due
  FROM accounts a
  LEFT JOIN (SELECT account_id, SUM(total_amount) AS total,
                    MIN(due_date) FILTER (WHERE status IN ('issued','partially_paid')) AS oldest_due
               FROM invoices WHERE status <> 'cancelled' AND status <> 'draft'
              GROUP BY account_id) inv ON inv.account_id = a.id
  LEFT JOIN (SELECT account_id, SUM(amount) AS total
               FROM payments WHERE status <> 'refunded'
              GROUP BY account_id) pay ON pay.account_id = a.id
  LEFT JOIN (SELECT i.account_id, SUM(c.amount) AS total
               FROM credit_notes c JOIN invoices i ON i.id = c.invoice_id
              GROUP BY i.account_id) cn ON cn.account_id = a.id;

CREATE VIEW v_subscriber_overview AS
SELECT s.id AS subscriber_id, s.msisdn, s.status, s.account_id,
       a.account_no, a.name AS account_name,
       p.code AS plan_code, p.name AS plan_name, sub.start_date AS plan_start
  FROM subscribers s
  JOIN accounts a ON a.id = s.account_id
  LEFT JOIN subscriptions sub ON sub.subscriber_id = s.id AND sub.status = 'active'
  LEFT JOIN plans p ON p.id = sub.plan_id;

CREATE VIEW v_ticket_sla AS
SELECT t.id AS ticket_id, t.ticket_no, t.priority, t.status, t.opened_at,
       t.opened_at + (sp.response_hours || ' hours')::interval AS response_due,
       t.opened_at + (sp.resolve_hours  || ' hours')::interval AS resolve_due,
       (t.first_response_at IS NULL AND now() > t.opened_at + (sp.response_hours || ' hours')::interval) AS response_breached,
       (t.resolved_at IS NULL AND now() > t.opened_at + (sp.resolve_hours || ' hours')::interval) AS resolve_breached
  FROM tickets t
  JOIN sla_policies sp ON sp.priority = t.priority;

-- ===================================================================
-- Functions / triggers
-- ===================================================================
CREATE OR REPLACE FUNCTION fn_next_invoice_no() RETURNS varchar AS $$
BEGIN
    RETURN 'INV' || to_char(current_date, 'YY') || lpad(nextval('invoice_no_seq')::text, 7, '0');
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION fn_log_subscriber_status() RETURNS trigger AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO subscriber_status_log (subscriber_id, old_status, new_status, reason, changed_by)
        VALUES (NEW.id, OLD.status, NEW.status, NEW.barring_reason,
                coalesce(current_setting('telco.changed_by', true), current_user));
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER trg_subscriber_status
    AFTER UPDATE OF status ON subscribers
    FOR EACH ROW EXECUTE PROCEDURE fn_log_subscriber_status();

-- release numbers 90 days after termination (called by housekeeping job)
CREATE OR REPLACE FUNCTION fn_release_quarantined_msisdns() RETURNS integer AS $$
DECLARE
    n integer;
BEGIN
    UPDATE msisdn_pool SET status = 'free', quarantine_until = NULL,
           assigned_subscriber_id = NULL
     WHERE status = 'quarantine' AND quarantine_until <= current_date;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$ LANGUAGE plpgsql;
