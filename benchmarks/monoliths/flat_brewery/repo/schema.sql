-- Hopyard Brewing Co. back office schema
-- PostgreSQL 9.6 (prod was upgraded to 11 in 2020, nothing changed here)
--
-- NOTE: run in this order, fermenters <-> brew_batches is circular so the FK
-- is added at the bottom with ALTER TABLE.

-------------------------------------------------------------------------------
-- raw materials / purchasing
-------------------------------------------------------------------------------
CREATE TABLE suppliers (
    id              serial PRIMARY KEY,
    name            varchar(120) NOT NULL,
    contact_name    varchar(120),
    email           varchar(200),
    phone           varchar(40),
    lead_time_days  integer DEFAULT 7,
    terms           varchar(40) DEFAULT 'NET30',
    account_no      varchar(40),
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE materials (
    id                     serial PRIMARY KEY,
    sku                    varchar(40) UNIQUE NOT NULL,
    name                   varchar(120) NOT NULL,
    category               varchar(20) NOT NULL,   -- malt, hops, yeast, adjunct, chemical, packaging
    unit                   varchar(10) NOT NULL,   -- lb, oz, kg, pkg, ea
    reorder_point          numeric(10,2) DEFAULT 0,
    reorder_qty            numeric(10,2) DEFAULT 0,
    preferred_supplier_id  integer REFERENCES suppliers(id),
    cost_per_unit          numeric(10,4) DEFAULT 0,
    active                 boolean NOT NULL DEFAULT true
);

CREATE TABLE purchase_orders (
    id            serial PRIMARY KEY,
    po_number     varchar(20) UNIQUE NOT NULL,
    supplier_id   integer NOT NULL REFERENCES suppliers(id),
    status        varchar(12) NOT NULL DEFAULT 'draft',   -- draft, sent, partial, received, cancelled
    ordered_at    timestamp,
    expected_at   date,
    total         numeric(12,2) DEFAULT 0,
    notes         text,
    created_by    varchar(40),
    created_at    timestamp DEFAULT now()
);

CREATE TABLE purchase_order_lines (
    id             serial PRIMARY KEY,
    po_id          integer NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
    material_id    integer NOT NULL REFERENCES materials(id),
    qty_ordered    numeric(10,2) NOT NULL,
    qty_received   numeric(10,2) NOT NULL DEFAULT 0,
    unit_cost      numeric(10,4) NOT NULL
);

CREATE TABLE material_lots (
    id              serial PRIMARY KEY,
    material_id     integer NOT NULL REFERENCES materials(id),
    po_line_id      integer REFERENCES purchase_order_lines(id),
    supplier_lot    varchar(60),
    received_at     timestamp NOT NULL DEFAULT now(),
    qty_received    numeric(10,2) NOT NULL,
    qty_on_hand     numeric(10,2) NOT NULL,
    unit_cost       numeric(10,4),
    expires_on      date,
    location        varchar(40) DEFAULT 'DRY'
);

CREATE TABLE stock_adjustments (
    id            serial PRIMARY KEY,
    material_id   integer NOT NULL REFERENCES materials(id),
    lot_id        integer REFERENCES material_lots(id),
    qty_delta     numeric(10,2) NOT NULL,
    reason        varchar(40) NOT NULL,      -- count, spill, expired, sample, other
    adjusted_at   timestamp NOT NULL DEFAULT now(),
    adjusted_by   varchar(40)
);

-------------------------------------------------------------------------------
-- brewing / production
-------------------------------------------------------------------------------
CREATE TABLE recipes (
    id              serial PRIMARY KEY,
    name            varchar(120) NOT NULL,
    style           varchar(60),
    version         integer NOT NULL DEFAULT 1,
    parent_id       integer REFERENCES recipes(id),
    target_og       numeric(5,3),
    target_fg       numeric(5,3),
    target_abv      numeric(4,2),
    ibu             integer,
    batch_size_bbl  numeric(6,2) NOT NULL DEFAULT 15,
    boil_minutes    integer DEFAULT 60,
    notes           text,
    active          boolean NOT NULL DEFAULT true,
    created_at      timestamp DEFAULT now()
);

CREATE TABLE recipe_ingredients (
    id            serial PRIMARY KEY,
    recipe_id     integer NOT NULL REFERENCES recipes(id) ON DELETE CASCADE,
    material_id   integer NOT NULL REFERENCES materials(id),
    qty           numeric(10,3) NOT NULL,
    unit          varchar(10) NOT NULL,
    addition      varchar(30),          -- mash, boil, whirlpool, dry hop, pitch
    minute        integer
);

CREATE TABLE fermenters (
    id              serial PRIMARY KEY,
    name            varchar(20) NOT NULL UNIQUE,   -- FV1..FV8, BT1, BT2
    kind            varchar(4) NOT NULL DEFAULT 'FV',
    capacity_bbl    numeric(6,2) NOT NULL,
    status          varchar(16) NOT NULL DEFAULT 'clean',  -- clean, dirty, in_use, out_of_service
    current_batch_id integer,
    last_cip_at     timestamp
);

CREATE TABLE brew_batches (
    id             serial PRIMARY KEY,
    batch_no       varchar(20) UNIQUE NOT NULL,
    recipe_id      integer NOT NULL REFERENCES recipes(id),
    brew_date      date,
    brewer         varchar(40),
    status         varchar(16) NOT NULL DEFAULT 'planned',
        -- planned, brewing, fermenting, conditioning, packaging, packaged, dumped
    volume_bbl     numeric(6,2),
    og             numeric(5,3),
    fg             numeric(5,3),
    abv            numeric(4,2),
    fermenter_id   integer REFERENCES fermenters(id),
    notes          text,
    closed_at      timestamp
);

CREATE TABLE gravity_readings (
    id          serial PRIMARY KEY,
    batch_id    integer NOT NULL REFERENCES brew_batches(id),
    taken_at    timestamp NOT NULL DEFAULT now(),
    gravity     numeric(5,3),
    temp_f      numeric(5,1),
    ph          numeric(3,2),
    note        varchar(200),
    taken_by    varchar(40)
);

CREATE TABLE batch_transfers (
    id              serial PRIMARY KEY,
    batch_id        integer NOT NULL REFERENCES brew_batches(id),
    from_vessel_id  integer REFERENCES fermenters(id),
    to_vessel_id    integer REFERENCES fermenters(id),
    kind            varchar(10) NOT NULL DEFAULT 'transfer',   -- transfer, dump
    volume_bbl      numeric(6,2),
    loss_bbl        numeric(6,2) DEFAULT 0,
    transferred_at  timestamp NOT NULL DEFAULT now(),
    reason          varchar(200)
);

-- which lots went into which batch (traceability + stock relief)
CREATE TABLE material_consumption (
    id            serial PRIMARY KEY,
    batch_id      integer NOT NULL REFERENCES brew_batches(id),
    lot_id        integer REFERENCES material_lots(id),
    material_id   integer NOT NULL REFERENCES materials(id),
    qty           numeric(10,3) NOT NULL,
    consumed_at   timestamp NOT NULL DEFAULT now()
);

-------------------------------------------------------------------------------
-- packaging & kegs
-------------------------------------------------------------------------------
CREATE TABLE package_formats (
    id              serial PRIMARY KEY,
    code            varchar(20) UNIQUE NOT NULL,   -- HALF, SIXTEL, 4PK16, 6PK12, CROWLER
    description     varchar(80),
    volume_liters   numeric(8,3) NOT NULL,
    units_per_case  integer DEFAULT 1,
    is_keg          boolean NOT NULL DEFAULT false
);

CREATE TABLE packaging_runs (
    id            serial PRIMARY KEY,
    run_no        varchar(20) UNIQUE NOT NULL,
    batch_id      integer NOT NULL REFERENCES brew_batches(id),
    format_id     integer NOT NULL REFERENCES package_formats(id),
    packaged_on   date NOT NULL,
    units         integer NOT NULL,
    volume_bbl    numeric(6,2) NOT NULL,
    loss_bbl      numeric(6,2) DEFAULT 0,
    lot_code      varchar(20) NOT NULL,
    operator      varchar(40),
    notes         text
);

CREATE TABLE finished_goods (
    id            serial PRIMARY KEY,
    recipe_id     integer NOT NULL REFERENCES recipes(id),
    format_id     integer NOT NULL REFERENCES package_formats(id),
    run_id        integer REFERENCES packaging_runs(id),
    lot_code      varchar(20) NOT NULL,
    qty_on_hand   integer NOT NULL DEFAULT 0,
    location      varchar(20) DEFAULT 'COOLER',
    updated_at    timestamp DEFAULT now()
);

CREATE TABLE kegs (
    id               serial PRIMARY KEY,
    serial           varchar(20) UNIQUE NOT NULL,
    format_id        integer NOT NULL REFERENCES package_formats(id),
    status           varchar(12) NOT NULL DEFAULT 'empty',  -- empty, clean, filled, out, on_tap, lost, retired
    current_run_id   integer REFERENCES packaging_runs(id),
    location         varchar(60),
    deposit          numeric(8,2) DEFAULT 30.00,
    purchased_on     date,
    last_cleaned_at  timestamp
);

-------------------------------------------------------------------------------
-- wholesale distribution
-------------------------------------------------------------------------------
CREATE TABLE distributors (
    id              serial PRIMARY KEY,
    name            varchar(120) NOT NULL,
    license_no      varchar(40),
    state           char(2) NOT NULL,
    contact         varchar(120),
    email           varchar(200),
    phone           varchar(40),
    terms_days      integer DEFAULT 30,
    credit_limit    numeric(12,2) DEFAULT 0,
    charges_deposit boolean DEFAULT true,
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE wholesale_price_list (
    id              serial PRIMARY KEY,
    recipe_id       integer NOT NULL REFERENCES recipes(id),
    format_id       integer NOT NULL REFERENCES package_formats(id),
    state           char(2),
    price           numeric(10,2) NOT NULL,
    effective_from  date NOT NULL,
    effective_to    date
);

CREATE TABLE wholesale_orders (
    id              serial PRIMARY KEY,
    order_no        varchar(20) UNIQUE NOT NULL,
    distributor_id  integer NOT NULL REFERENCES distributors(id),
    status          varchar(12) NOT NULL DEFAULT 'new',  -- new, confirmed, picked, shipped, invoiced, cancelled
    ordered_on      date NOT NULL DEFAULT current_date,
    ship_on         date,
    po_ref          varchar(40),
    notes           text,
    total           numeric(12,2) DEFAULT 0
);

CREATE TABLE wholesale_order_lines (
    id           serial PRIMARY KEY,
    order_id     integer NOT NULL REFERENCES wholesale_orders(id) ON DELETE CASCADE,
    recipe_id    integer NOT NULL REFERENCES recipes(id),
    format_id    integer NOT NULL REFERENCES package_formats(id),
    qty          integer NOT NULL,
    unit_price   numeric(10,2) NOT NULL,
    lot_code     varchar(20)
);

CREATE TABLE deliveries (
    id              serial PRIMARY KEY,
    order_id        integer NOT NULL REFERENCES wholesale_orders(id),
    shipped_at      timestamp NOT NULL DEFAULT now(),
    carrier         varchar(60),
    driver          varchar(60),
    bol_number      varchar(40),
    kegs_out        integer DEFAULT 0,
    kegs_returned   integer DEFAULT 0,
    signed_by       varchar(80)
);

CREATE TABLE wholesale_invoices (
    id              serial PRIMARY KEY,
    invoice_no      varchar(20) UNIQUE NOT NULL,
    order_id        integer NOT NULL REFERENCES wholesale_orders(id),
    distributor_id  integer NOT NULL REFERENCES distributors(id),
    issued_on       date NOT NULL,
    due_on          date NOT NULL,
    amount          numeric(12,2) NOT NULL,
    deposit_amount  numeric(12,2) DEFAULT 0,
    paid_amount     numeric(12,2) DEFAULT 0,
    paid_on         date,
    status          varchar(10) NOT NULL DEFAULT 'open'   -- open, paid, overdue, void
);

CREATE TABLE keg_movements (
    id                  serial PRIMARY KEY,
    keg_id              integer NOT NULL REFERENCES kegs(id),
    moved_at            timestamp NOT NULL DEFAULT now(),
    action              varchar(10) NOT NULL,   -- fill, ship, return, clean, tap, lost, retire
    distributor_id      integer REFERENCES distributors(id),
    wholesale_order_id  integer REFERENCES wholesale_orders(id),
    note                varchar(200)
);

-------------------------------------------------------------------------------
-- mug club / loyalty
-------------------------------------------------------------------------------
CREATE TABLE mug_club_members (
    id           serial PRIMARY KEY,
    member_no    varchar(10) UNIQUE NOT NULL,
    first_name   varchar(60) NOT NULL,
    last_name    varchar(60) NOT NULL,
    email        varchar(200),
    phone        varchar(40),
    mug_number   integer UNIQUE,
    joined_on    date NOT NULL DEFAULT current_date,
    expires_on   date,
    status       varchar(10) NOT NULL DEFAULT 'active',  -- active, lapsed, cancelled
    birthday     date,
    notes        text
);

-------------------------------------------------------------------------------
-- taproom POS
-------------------------------------------------------------------------------
CREATE TABLE pos_staff (
    id       serial PRIMARY KEY,
    name     varchar(60) NOT NULL,
    pin      varchar(6) NOT NULL,
    role     varchar(12) NOT NULL DEFAULT 'bartender',   -- bartender, manager
    active   boolean NOT NULL DEFAULT true
);

CREATE TABLE menu_items (
    id          serial PRIMARY KEY,
    name        varchar(80) NOT NULL,
    category    varchar(12) NOT NULL,   -- draft, flight, growler, crowler, merch, food
    recipe_id   integer REFERENCES recipes(id),
    pour_oz     numeric(5,1),
    price       numeric(8,2) NOT NULL,
    taxable     boolean NOT NULL DEFAULT true,
    active      boolean NOT NULL DEFAULT true
);

CREATE TABLE taps (
    id              serial PRIMARY KEY,
    tap_no          integer UNIQUE NOT NULL,
    recipe_id       integer REFERENCES recipes(id),
    keg_id          integer REFERENCES kegs(id),
    tapped_on       timestamp,
    est_pints_left  numeric(6,1),
    active          boolean NOT NULL DEFAULT true
);

CREATE TABLE till_shifts (
    id              serial PRIMARY KEY,
    staff_id        integer NOT NULL REFERENCES pos_staff(id),
    opened_at       timestamp NOT NULL DEFAULT now(),
    closed_at       timestamp,
    opening_cash    numeric(8,2) NOT NULL DEFAULT 200,
    counted_cash    numeric(8,2),
    expected_cash   numeric(8,2),
    over_short      numeric(8,2),
    z_report_no     integer
);

CREATE TABLE tabs (
    id           serial PRIMARY KEY,
    shift_id     integer REFERENCES till_shifts(id),
    opened_at    timestamp NOT NULL DEFAULT now(),
    closed_at    timestamp,
    table_label  varchar(20),
    member_id    integer REFERENCES mug_club_members(id),
    status       varchar(8) NOT NULL DEFAULT 'open',   -- open, closed, void
    subtotal     numeric(10,2) DEFAULT 0,
    discount     numeric(10,2) DEFAULT 0,
    sales_tax    numeric(10,2) DEFAULT 0,
    tip          numeric(10,2) DEFAULT 0,
    total        numeric(10,2) DEFAULT 0
);

CREATE TABLE tab_lines (
    id             serial PRIMARY KEY,
    tab_id         integer NOT NULL REFERENCES tabs(id) ON DELETE CASCADE,
    menu_item_id   integer NOT NULL REFERENCES menu_items(id),
    tap_id         integer REFERENCES taps(id),
    qty            integer NOT NULL DEFAULT 1,
    unit_price     numeric(8,2) NOT NULL,
    pour_oz        numeric(5,1),
    discount       numeric(8,2) DEFAULT 0,
    voided         boolean NOT NULL DEFAULT false,
    added_at       timestamp DEFAULT now()
);

CREATE TABLE pos_payments (
    id           serial PRIMARY KEY,
    tab_id       integer NOT NULL REFERENCES tabs(id),
    method       varchar(8) NOT NULL,   -- cash, card, gift
    amount       numeric(10,2) NOT NULL,
    card_last4   char(4),
    auth_code    varchar(20),
    paid_at      timestamp NOT NULL DEFAULT now(),
    refunded     boolean NOT NULL DEFAULT false
);

-------------------------------------------------------------------------------
-- mug club / loyalty (cont.)  -- members table is above because tabs needs it
-------------------------------------------------------------------------------
CREATE TABLE mug_club_renewals (
    id              serial PRIMARY KEY,
    member_id       integer NOT NULL REFERENCES mug_club_members(id),
    paid_on         date NOT NULL,
    amount          numeric(8,2) NOT NULL,
    period_start    date NOT NULL,
    period_end      date NOT NULL,
    payment_method  varchar(10),
    pos_tab_id      integer REFERENCES tabs(id)
);

CREATE TABLE loyalty_ledger (
    id             serial PRIMARY KEY,
    member_id      integer NOT NULL REFERENCES mug_club_members(id),
    created_at     timestamp NOT NULL DEFAULT now(),
    points         integer NOT NULL,
    reason         varchar(40) NOT NULL,    -- purchase, redeem, birthday, adjust, expire
    tab_id         integer REFERENCES tabs(id),
    balance_after  integer NOT NULL
);

CREATE TABLE rewards (
    id             serial PRIMARY KEY,
    name           varchar(80) NOT NULL,
    points_cost    integer NOT NULL,
    menu_item_id   integer REFERENCES menu_items(id),
    description    text,
    active         boolean NOT NULL DEFAULT true
);

CREATE TABLE reward_redemptions (
    id            serial PRIMARY KEY,
    member_id     integer NOT NULL REFERENCES mug_club_members(id),
    reward_id     integer NOT NULL REFERENCES rewards(id),
    redeemed_at   timestamp NOT NULL DEFAULT now(),
    tab_id        integer REFERENCES tabs(id),
    points_spent  integer NOT NULL,
    staff_id      integer REFERENCES pos_staff(id)
);

-------------------------------------------------------------------------------
-- excise tax / TTB
-------------------------------------------------------------------------------
CREATE TABLE excise_rates (
    id              serial PRIMARY KEY,
    effective_from  date NOT NULL,
    effective_to    date,
    tier_limit_bbl  numeric(10,2),      -- null = no upper limit
    rate_per_bbl    numeric(8,2) NOT NULL,
    description     varchar(120)
);

CREATE TABLE ttb_operations_reports (
    id                   serial PRIMARY KEY,
    period_start         date NOT NULL,
    period_end           date NOT NULL,
    status               varchar(10) NOT NULL DEFAULT 'draft',   -- draft, filed, amended
    opening_bbl          numeric(10,2),
    produced_bbl         numeric(10,2),
    removed_taxpaid_bbl  numeric(10,2),
    removed_taxfree_bbl  numeric(10,2),
    losses_bbl           numeric(10,2),
    closing_bbl          numeric(10,2),
    filed_on             date,
    confirmation_no      varchar(40),
    UNIQUE (period_start, period_end)
);

CREATE TABLE taxable_removals (
    id              serial PRIMARY KEY,
    removed_on      date NOT NULL,
    source          varchar(12) NOT NULL,    -- taproom, wholesale, other
    ref_type        varchar(20),
    ref_id          integer,
    recipe_id       integer REFERENCES recipes(id),
    volume_bbl      numeric(8,3) NOT NULL,
    tax_free        boolean NOT NULL DEFAULT false,
    report_id       integer REFERENCES ttb_operations_reports(id)
);

CREATE TABLE excise_returns (
    id              serial PRIMARY KEY,
    period_start    date NOT NULL,
    period_end      date NOT NULL,
    taxable_bbl     numeric(10,3) NOT NULL,
    rate            numeric(8,2) NOT NULL,
    tax_due         numeric(12,2) NOT NULL,
    adjustments     numeric(12,2) DEFAULT 0,
    status          varchar(10) NOT NULL DEFAULT 'draft',   -- draft, filed, paid
    filed_on        date,
    paid_on         date,
    pay_gov_ref     varchar(40)
);

CREATE TABLE label_approvals (
    id            serial PRIMARY KEY,
    recipe_id     integer NOT NULL REFERENCES recipes(id),
    cola_id       varchar(20),
    brand_name    varchar(120),
    approved_on   date,
    expires_on    date,
    status        varchar(10) NOT NULL DEFAULT 'pending',  -- pending, approved, rejected, surrendered
    label_file    varchar(200)
);

-------------------------------------------------------------------------------
ALTER TABLE fermenters ADD CONSTRAINT fermenters_current_batch_fk
    FOREIGN KEY (current_batch_id) REFERENCES brew_batches(id);

CREATE INDEX ix_gravity_batch ON gravity_readings(batch_id, taken_at);
CREATE INDEX ix_lots_material ON material_lots(material_id, received_at);
CREATE INDEX ix_tab_lines_tab ON tab_lines(tab_id);
CREATE INDEX ix_removals_date ON taxable_removals(removed_on);
CREATE INDEX ix_keg_moves ON keg_movements(keg_id, moved_at);
CREATE INDEX ix_ledger_member ON loyalty_ledger(member_id, created_at);
