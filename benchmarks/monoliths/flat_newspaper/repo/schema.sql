-- Wealdshire Courier Group - back office database
-- PostgreSQL 9.6+ (db1.wealdshire.local).  Money is always integer pence.
-- Load with:  psql -d courier -f schema.sql   then apply migrations/*.sql in order.

BEGIN;

-------------------------------------------------------------------------------
-- Titles and issues
-------------------------------------------------------------------------------
CREATE TABLE publications (
    id              serial PRIMARY KEY,
    code            varchar(8) NOT NULL UNIQUE,        -- WCD, WCS, HGZ
    name            varchar(120) NOT NULL,
    frequency       varchar(10) NOT NULL DEFAULT 'daily', -- daily / weekly
    publish_days    char(7) NOT NULL DEFAULT 'MTWTFS-',   -- Mon..Sun, '-' = no issue
    cover_price_pence integer NOT NULL,
    trim_columns    smallint NOT NULL DEFAULT 7,
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE issues (
    id              serial PRIMARY KEY,
    publication_id  integer NOT NULL REFERENCES publications(id),
    issue_date      date NOT NULL,
    edition         varchar(20) NOT NULL DEFAULT 'main',
    page_count      smallint,
    status          varchar(12) NOT NULL DEFAULT 'planned', -- planned / closed / printed
    ad_deadline     timestamp,
    notes           text,
    UNIQUE (publication_id, issue_date, edition)
);

CREATE TABLE page_plans (
    id              serial PRIMARY KEY,
    issue_id        integer NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    page_no         smallint NOT NULL,
    section         varchar(30) NOT NULL DEFAULT 'news',
    colour          boolean NOT NULL DEFAULT false,
    ad_cm_reserved  integer NOT NULL DEFAULT 0,   -- single column centimetres
    note            varchar(200),
    UNIQUE (issue_id, page_no)
);

CREATE TABLE print_orders (
    id              serial PRIMARY KEY,
    issue_id        integer NOT NULL UNIQUE REFERENCES issues(id),
    copies_subs     integer NOT NULL DEFAULT 0,
    copies_retail   integer NOT NULL DEFAULT 0,
    copies_spare    integer NOT NULL DEFAULT 0,
    sent_to_plant_at timestamp,
    plant_ref       varchar(40)
);

-------------------------------------------------------------------------------
-- Distribution: carriers and home delivery rounds
-------------------------------------------------------------------------------
CREATE TABLE carriers (
    id              serial PRIMARY KEY,
    name            varchar(120) NOT NULL,
    phone           varchar(30),
    email           varchar(120),
    date_of_birth   date,
    permit_no       varchar(30),          -- council child employment permit (under 16s)
    permit_expires  date,
    depot           varchar(40) NOT NULL DEFAULT 'Hatherby',
    bank_sort_code  varchar(8),
    bank_account    varchar(12),
    start_date      date NOT NULL DEFAULT current_date,
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE delivery_routes (
    id              serial PRIMARY KEY,
    code            varchar(12) NOT NULL UNIQUE,   -- e.g. HAT-07
    description     varchar(200),
    depot           varchar(40) NOT NULL DEFAULT 'Hatherby',
    postcode_sectors varchar(200),                  -- 'TN27 8,TN27 9'
    carrier_id      integer REFERENCES carriers(id),
    base_fee_pence  integer NOT NULL DEFAULT 0,
    per_copy_pence  integer NOT NULL DEFAULT 9,
    active          boolean NOT NULL DEFAULT true
);

-------------------------------------------------------------------------------
-- Subscribers and subscriptions
-------------------------------------------------------------------------------
CREATE TABLE subscribers (
    id              serial PRIMARY KEY,
    account_no      varchar(12) NOT NULL UNIQUE,
    title           varchar(12),
    first_name      varchar(60),
    last_name       varchar(80) NOT NULL,
    email           varchar(160),
    phone           varchar(30),
    marketing_opt_in boolean NOT NULL DEFAULT false,
    status          varchar(12) NOT NULL DEFAULT 'active',
    notes           text,
    created_at      timestamp NOT NULL DEFAULT now()
);
CREATE INDEX subscribers_last_name ON subscribers (lower(last_name));

CREATE TABLE subscriber_addresses (
    id              serial PRIMARY KEY,
    subscriber_id   integer NOT NULL REFERENCES subscribers(id),
    kind            varchar(10) NOT NULL DEFAULT 'delivery',  -- delivery / billing
    line1           varchar(120) NOT NULL,
    line2           varchar(120),
    town            varchar(60),
    postcode        varchar(10) NOT NULL,
    route_id        integer REFERENCES delivery_routes(id),
    route_seq       integer,
    instructions    varchar(200)
);

CREATE TABLE rate_plans (
    id              serial PRIMARY KEY,
    publication_id  integer NOT NULL REFERENCES publications(id),
    code            varchar(20) NOT NULL UNIQUE,
    name            varchar(120) NOT NULL,
    days_mask       char(7) NOT NULL,          -- which days are delivered, like publish_days
    price_per_week_pence integer NOT NULL,
    billing_period  varchar(10) NOT NULL DEFAULT 'monthly', -- weekly / monthly / quarterly / annual
    digital_included boolean NOT NULL DEFAULT false,
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE promo_codes (
    id              serial PRIMARY KEY,
    code            varchar(20) NOT NULL UNIQUE,
    description     varchar(200),
    discount_pct    smallint NOT NULL DEFAULT 0,
    free_weeks      smallint NOT NULL DEFAULT 0,
    valid_from      date,
    valid_to        date,
    max_uses        integer,
    uses            integer NOT NULL DEFAULT 0
);

CREATE TABLE subscriptions (
    id              serial PRIMARY KEY,
    subscriber_id   integer NOT NULL REFERENCES subscribers(id),
    rate_plan_id    integer NOT NULL REFERENCES rate_plans(id),
    address_id      integer REFERENCES subscriber_addresses(id),
    start_date      date NOT NULL,
    end_date        date,
    paid_to         date,
    status          varchar(12) NOT NULL DEFAULT 'pending', -- pending/active/suspended/cancelled
    payment_method  varchar(12) NOT NULL DEFAULT 'invoice', -- dd / card / invoice / carrier
    promo_code_id   integer REFERENCES promo_codes(id),
    cancel_reason   varchar(40),
    created_by      varchar(40),
    created_at      timestamp NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_subscriber ON subscriptions (subscriber_id);

CREATE TABLE vacation_holds (
    id              serial PRIMARY KEY,
    subscription_id integer NOT NULL REFERENCES subscriptions(id),
    start_date      date NOT NULL,
    end_date        date NOT NULL,
    donate          boolean NOT NULL DEFAULT false,   -- copies go to Newspapers in Education
    created_by      varchar(40),
    created_at      timestamp NOT NULL DEFAULT now()
);

CREATE TABLE subscription_events (
    id              serial PRIMARY KEY,
    subscription_id integer NOT NULL REFERENCES subscriptions(id),
    event           varchar(30) NOT NULL,
    detail          text,
    by_user         varchar(40),
    at              timestamp NOT NULL DEFAULT now()
);

-------------------------------------------------------------------------------
-- Draw and carrier pay
-------------------------------------------------------------------------------
CREATE TABLE daily_draw (
    id              serial PRIMARY KEY,
    issue_id        integer NOT NULL REFERENCES issues(id),
    route_id        integer NOT NULL REFERENCES delivery_routes(id),
    copies          integer NOT NULL,
    returns         integer NOT NULL DEFAULT 0,
    computed_at     timestamp NOT NULL DEFAULT now(),
    UNIQUE (issue_id, route_id)
);

CREATE TABLE carrier_pay_runs (
    id              serial PRIMARY KEY,
    period_start    date NOT NULL,
    period_end      date NOT NULL,
    status          varchar(10) NOT NULL DEFAULT 'draft',  -- draft / approved / paid
    approved_by     varchar(40),
    created_at      timestamp NOT NULL DEFAULT now()
);

CREATE TABLE carrier_pay_lines (
    id              serial PRIMARY KEY,
    pay_run_id      integer NOT NULL REFERENCES carrier_pay_runs(id) ON DELETE CASCADE,
    carrier_id      integer NOT NULL REFERENCES carriers(id),
    route_id        integer REFERENCES delivery_routes(id),
    copies          integer NOT NULL DEFAULT 0,
    gross_pence     integer NOT NULL DEFAULT 0,
    deductions_pence integer NOT NULL DEFAULT 0,
    note            varchar(200)
);

-------------------------------------------------------------------------------
-- Display advertising
-------------------------------------------------------------------------------
CREATE TABLE sales_reps (
    id              serial PRIMARY KEY,
    username        varchar(40) NOT NULL UNIQUE,
    name            varchar(120) NOT NULL,
    territory       varchar(60),
    commission_pct  numeric(5,2) NOT NULL DEFAULT 0,
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE ad_agencies (
    id              serial PRIMARY KEY,
    name            varchar(160) NOT NULL,
    commission_pct  numeric(5,2) NOT NULL DEFAULT 10,
    contact_name    varchar(120),
    email           varchar(160),
    address         text
);

CREATE TABLE advertisers (
    id              serial PRIMARY KEY,
    name            varchar(160) NOT NULL,
    agency_id       integer REFERENCES ad_agencies(id),
    rep_id          integer REFERENCES sales_reps(id),
    category        varchar(40),            -- motors, property, retail, recruitment...
    credit_limit_pence integer NOT NULL DEFAULT 0,
    credit_status   varchar(12) NOT NULL DEFAULT 'ok',  -- ok / stop / prepay
    contact_name    varchar(120),
    email           varchar(160),
    phone           varchar(30),
    address         text,
    created_at      timestamp NOT NULL DEFAULT now()
);

CREATE TABLE ad_rates (
    id              serial PRIMARY KEY,
    publication_id  integer NOT NULL REFERENCES publications(id),
    position        varchar(20) NOT NULL DEFAULT 'ROP',  -- ROP / front / back / early_right
    colour          boolean NOT NULL DEFAULT false,
    rate_scc_pence  integer NOT NULL,                    -- per single column centimetre
    effective_from  date NOT NULL
);

CREATE TABLE insertion_orders (
    id              serial PRIMARY KEY,
    io_number       varchar(20) NOT NULL UNIQUE,
    advertiser_id   integer NOT NULL REFERENCES advertisers(id),
    agency_id       integer REFERENCES ad_agencies(id),
    rep_id          integer REFERENCES sales_reps(id),
    status          varchar(12) NOT NULL DEFAULT 'draft',  -- draft / booked / cancelled / invoiced
    po_reference    varchar(60),
    total_pence     integer NOT NULL DEFAULT 0,
    notes           text,
    created_at      timestamp NOT NULL DEFAULT now()
);

CREATE TABLE ad_placements (
    id              serial PRIMARY KEY,
    io_id           integer NOT NULL REFERENCES insertion_orders(id) ON DELETE CASCADE,
    issue_id        integer NOT NULL REFERENCES issues(id),
    columns         smallint NOT NULL,
    height_cm       numeric(5,1) NOT NULL,
    position        varchar(20) NOT NULL DEFAULT 'ROP',
    colour          boolean NOT NULL DEFAULT false,
    price_pence     integer NOT NULL,
    page_no         smallint,
    artwork_status  varchar(12) NOT NULL DEFAULT 'awaited',  -- awaited / received / approved
    artwork_file    varchar(200)
);

-------------------------------------------------------------------------------
-- Classified & announcements
-------------------------------------------------------------------------------
CREATE TABLE classified_categories (
    id              serial PRIMARY KEY,
    name            varchar(80) NOT NULL,
    parent_id       integer REFERENCES classified_categories(id),
    word_rate_pence integer NOT NULL DEFAULT 45,
    min_words       smallint NOT NULL DEFAULT 10,
    is_notice       boolean NOT NULL DEFAULT false    -- births, marriages & deaths
);

CREATE TABLE classified_ads (
    id              serial PRIMARY KEY,
    ref             varchar(16) NOT NULL UNIQUE,
    category_id     integer NOT NULL REFERENCES classified_categories(id),
    customer_name   varchar(120) NOT NULL,
    customer_email  varchar(160),
    customer_phone  varchar(30),
    body            text NOT NULL,
    word_count      smallint NOT NULL,
    box_number      boolean NOT NULL DEFAULT false,
    photo           boolean NOT NULL DEFAULT false,
    price_pence     integer NOT NULL,
    status          varchar(12) NOT NULL DEFAULT 'pending',  -- pending/approved/rejected/paid
    taken_by        varchar(40),
    card_ref        varchar(60),
    created_at      timestamp NOT NULL DEFAULT now()
);

CREATE TABLE classified_insertions (
    id              serial PRIMARY KEY,
    classified_id   integer NOT NULL REFERENCES classified_ads(id) ON DELETE CASCADE,
    issue_id        integer NOT NULL REFERENCES issues(id),
    UNIQUE (classified_id, issue_id)
);

-------------------------------------------------------------------------------
-- Accounts
-------------------------------------------------------------------------------
CREATE TABLE invoices (
    id              serial PRIMARY KEY,
    invoice_no      varchar(16) NOT NULL UNIQUE,
    account_type    varchar(12) NOT NULL,      -- subscriber / advertiser / agency / classified
    account_id      integer NOT NULL,
    issue_date      date NOT NULL DEFAULT current_date,
    due_date        date NOT NULL,
    net_pence       integer NOT NULL DEFAULT 0,
    vat_pence       integer NOT NULL DEFAULT 0,
    total_pence     integer NOT NULL DEFAULT 0,
    status          varchar(12) NOT NULL DEFAULT 'draft',  -- draft/issued/paid/void/written_off
    sent_at         timestamp,
    reminder_count  smallint NOT NULL DEFAULT 0
);
CREATE INDEX invoices_account ON invoices (account_type, account_id);

CREATE TABLE invoice_lines (
    id              serial PRIMARY KEY,
    invoice_id      integer NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    description     varchar(240) NOT NULL,
    qty             numeric(8,2) NOT NULL DEFAULT 1,
    unit_pence      integer NOT NULL,
    vat_rate        numeric(4,2) NOT NULL DEFAULT 0,   -- print subscriptions are zero rated
    source_type     varchar(20),                        -- subscription / io / classified
    source_id       integer
);

CREATE TABLE payments (
    id              serial PRIMARY KEY,
    invoice_id      integer REFERENCES invoices(id),
    amount_pence    integer NOT NULL,
    method          varchar(12) NOT NULL,    -- card / dd / cheque / cash / bacs
    reference       varchar(80),
    received_at     timestamp NOT NULL DEFAULT now(),
    recorded_by     varchar(40)
);

CREATE TABLE credit_notes (
    id              serial PRIMARY KEY,
    invoice_id      integer REFERENCES invoices(id),
    account_type    varchar(12) NOT NULL,
    account_id      integer NOT NULL,
    amount_pence    integer NOT NULL,
    reason          varchar(200),
    created_by      varchar(40),
    created_at      timestamp NOT NULL DEFAULT now()
);

-------------------------------------------------------------------------------
-- Customer service
-------------------------------------------------------------------------------
CREATE TABLE complaint_types (
    id              serial PRIMARY KEY,
    code            varchar(20) NOT NULL UNIQUE,   -- MISSED, LATE, WET, DAMAGED, BILLING, RUDE
    label           varchar(80) NOT NULL,
    sla_hours       integer NOT NULL DEFAULT 48,
    default_credit_pence integer NOT NULL DEFAULT 0
);

CREATE TABLE complaints (
    id              serial PRIMARY KEY,
    subscriber_id   integer REFERENCES subscribers(id),
    subscription_id integer REFERENCES subscriptions(id),
    type_id         integer NOT NULL REFERENCES complaint_types(id),
    issue_date      date,
    channel         varchar(10) NOT NULL DEFAULT 'phone',
    description     text,
    status          varchar(12) NOT NULL DEFAULT 'open',   -- open / resolved / escalated
    assigned_to     varchar(40),
    opened_at       timestamp NOT NULL DEFAULT now(),
    resolved_at     timestamp,
    resolution      text,
    opened_by       varchar(40)
);

CREATE TABLE missed_deliveries (
    id              serial PRIMARY KEY,
    complaint_id    integer REFERENCES complaints(id),
    subscription_id integer NOT NULL REFERENCES subscriptions(id),
    route_id        integer REFERENCES delivery_routes(id),
    issue_date      date NOT NULL,
    redelivery      boolean NOT NULL DEFAULT false,
    redelivered_at  timestamp,
    charge_carrier  boolean NOT NULL DEFAULT true
);

CREATE TABLE cs_call_log (
    id              serial PRIMARY KEY,
    subscriber_id   integer REFERENCES subscribers(id),
    username        varchar(40),
    direction       varchar(3) NOT NULL DEFAULT 'in',
    summary         varchar(400),
    duration_secs   integer,
    at              timestamp NOT NULL DEFAULT now()
);

-------------------------------------------------------------------------------
-- Draw basis: copies per route per weekday, from live subscriptions
-------------------------------------------------------------------------------
CREATE VIEW v_route_draw AS
SELECT a.route_id,
       rp.publication_id,
       rp.days_mask,
       count(*) AS copies
  FROM subscriptions s
  JOIN rate_plans rp ON rp.id = s.rate_plan_id
  JOIN subscriber_addresses a ON a.id = s.address_id
 WHERE s.status = 'active'
   AND a.route_id IS NOT NULL
 GROUP BY a.route_id, rp.publication_id, rp.days_mask;

COMMIT;
