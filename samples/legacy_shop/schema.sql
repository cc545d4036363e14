-- Shop schema (pg_dump --schema-only, cleaned by hand). PostgreSQL 11+.
-- Keep in sync with migrations/ and shop/models.py.

SET client_encoding = 'UTF8';

-- ---------------------------------------------------------------- users

CREATE TABLE users (
    id                  serial PRIMARY KEY,
    email               varchar(255) NOT NULL UNIQUE,
    password_hash       varchar(255),
    first_name          varchar(80) NOT NULL DEFAULT '',
    last_name           varchar(80) NOT NULL DEFAULT '',
    phone               varchar(32),
    active              boolean NOT NULL DEFAULT true,
    failed_logins       integer NOT NULL DEFAULT 0,
    last_login_at       timestamp,
    password_changed_at timestamp,
    created_at          timestamp NOT NULL DEFAULT now()
);

CREATE TABLE user_addresses (
    id          serial PRIMARY KEY,
    user_id     integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    line1       varchar(200) NOT NULL,
    line2       varchar(200),
    city        varchar(100) NOT NULL,
    zip         varchar(16) NOT NULL,
    country     char(2) NOT NULL DEFAULT 'FR',
    is_default  boolean NOT NULL DEFAULT false
);
CREATE INDEX user_addresses_user_idx ON user_addresses (user_id);

CREATE TABLE sessions (
    token_hash  char(64) PRIMARY KEY,
    user_id     integer NOT NULL,
    ip          inet,
    created_at  timestamp NOT NULL DEFAULT now(),
    expires_at  timestamp NOT NULL
);

CREATE TABLE password_resets (
    id          serial PRIMARY KEY,
    user_id     integer NOT NULL REFERENCES users(id),
    token_hash  char(64) NOT NULL,
    expires_at  timestamp NOT NULL,
    used_at     timestamp
);

CREATE TABLE roles (
    id    serial PRIMARY KEY,
    name  varchar(32) NOT NULL UNIQUE
);

CREATE TABLE user_roles (
    user_id  integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id  integer NOT NULL REFERENCES roles(id),
    PRIMARY KEY (user_id, role_id)
);

CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    user_id     integer,
    action      varchar(64) NOT NULL,
    payload     jsonb,
    created_at  timestamp NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- catalog

CREATE TABLE categories (
    id         serial PRIMARY KEY,
    parent_id  integer REFERENCES categories(id),
    name       varchar(120) NOT NULL,
    slug       varchar(120) NOT NULL UNIQUE,
    position   integer NOT NULL DEFAULT 0
);

CREATE TABLE products (
    id                serial PRIMARY KEY,
    sku               varchar(32) NOT NULL UNIQUE,
    name              varchar(200) NOT NULL,
    slug              varchar(220) NOT NULL UNIQUE,
    description       text,
    price             numeric(10, 2) NOT NULL,
    weight_g          integer,
    active            boolean NOT NULL DEFAULT true,
    featured          boolean NOT NULL DEFAULT false,
    supplier_managed  boolean NOT NULL DEFAULT false,
    position          integer NOT NULL DEFAULT 0,
    created_at        timestamp NOT NULL DEFAULT now(),
    updated_at        timestamp
);
CREATE INDEX products_active_idx ON products (active, position);

CREATE TABLE product_categories (
    product_id   integer NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    category_id  integer NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, category_id)
);

CREATE TABLE product_images (
    id          serial PRIMARY KEY,
    product_id  integer NOT NULL REFERENCES products(id) ON DELETE CASCADE,
    url         varchar(500) NOT NULL,
    alt         varchar(200),
    position    integer NOT NULL DEFAULT 0
);

CREATE TABLE reviews (
    id          serial PRIMARY KEY,
    product_id  integer NOT NULL REFERENCES products(id),
    user_id     integer NOT NULL REFERENCES users(id),
    rating      smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        text,
    approved    boolean NOT NULL DEFAULT false,
    created_at  timestamp NOT NULL DEFAULT now()
);
CREATE INDEX reviews_product_idx ON reviews (product_id) WHERE approved;

CREATE TABLE price_history (
    id          serial PRIMARY KEY,
    product_id  integer NOT NULL REFERENCES products(id),
    old_price   numeric(10, 2),
    new_price   numeric(10, 2) NOT NULL,
    changed_by  integer,
    changed_at  timestamp NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- orders

CREATE TABLE coupons (
    id           serial PRIMARY KEY,
    code         varchar(32) NOT NULL UNIQUE,
    kind         varchar(16) NOT NULL DEFAULT 'percent',
    value        numeric(10, 2) NOT NULL,
    min_total    numeric(10, 2),
    max_uses     integer,
    used         integer NOT NULL DEFAULT 0,
    valid_until  timestamp NOT NULL
);

CREATE TABLE carts (
    id          serial PRIMARY KEY,
    user_id     integer NOT NULL REFERENCES users(id),
    status      varchar(16) NOT NULL DEFAULT 'open',
    coupon_id   integer,
    created_at  timestamp NOT NULL DEFAULT now(),
    closed_at   timestamp
);
CREATE INDEX carts_user_open_idx ON carts (user_id) WHERE status = 'open';

CREATE TABLE cart_items (
    cart_id     integer NOT NULL REFERENCES carts(id) ON DELETE CASCADE,
    product_id  integer NOT NULL REFERENCES products(id),
    quantity    integer NOT NULL DEFAULT 1,
    PRIMARY KEY (cart_id, product_id)
);

CREATE TABLE orders (
    id                   serial PRIMARY KEY,
    user_id              integer NOT NULL,
    cart_id              integer,
    shipping_address_id  integer,
    status               varchar(20) NOT NULL DEFAULT 'new',
    total                numeric(10, 2) NOT NULL,
    currency             char(3) NOT NULL DEFAULT 'EUR',
    created_at           timestamp NOT NULL DEFAULT now(),
    updated_at           timestamp
);
CREATE INDEX orders_user_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_status_idx ON orders (status);

CREATE TABLE order_items (
    id          serial PRIMARY KEY,
    order_id    integer NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    product_id  integer NOT NULL,
    quantity    integer NOT NULL,
    unit_price  numeric(10, 2) NOT NULL
);
CREATE INDEX order_items_order_idx ON order_items (order_id);

CREATE TABLE order_status_history (
    id          serial PRIMARY KEY,
    order_id    integer NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    status      varchar(20) NOT NULL,
    note        text,
    changed_at  timestamp NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- inventory (mapped in shop/models.py)

CREATE TABLE warehouses (
    id          serial PRIMARY KEY,
    code        varchar(16) NOT NULL UNIQUE,
    name        varchar(120) NOT NULL,
    country     char(2) NOT NULL DEFAULT 'FR',
    active      boolean DEFAULT true,
    created_at  timestamp NOT NULL DEFAULT now(),
    updated_at  timestamp
);

CREATE TABLE stock_levels (
    id             serial PRIMARY KEY,
    warehouse_id   integer NOT NULL REFERENCES warehouses(id),
    product_id     integer NOT NULL REFERENCES products(id),
    quantity       integer NOT NULL DEFAULT 0,
    reserved       integer NOT NULL DEFAULT 0,
    reorder_point  integer NOT NULL DEFAULT 5,
    UNIQUE (warehouse_id, product_id)
);
CREATE INDEX stock_levels_product_idx ON stock_levels (product_id);

CREATE TABLE stock_movements (
    id              serial PRIMARY KEY,
    stock_level_id  integer NOT NULL REFERENCES stock_levels(id),
    delta           integer NOT NULL,
    reason          varchar(32) NOT NULL,
    reference       varchar(64),
    created_at      timestamp NOT NULL DEFAULT now(),
    updated_at      timestamp
);

CREATE TABLE stock_reservations (
    id              serial PRIMARY KEY,
    order_id        integer NOT NULL,
    stock_level_id  integer NOT NULL REFERENCES stock_levels(id),
    quantity        integer NOT NULL,
    released        boolean DEFAULT false,
    created_at      timestamp NOT NULL DEFAULT now(),
    updated_at      timestamp
);
CREATE INDEX stock_reservations_order_idx ON stock_reservations (order_id);

-- ---------------------------------------------------------------- payments

CREATE TABLE payment_methods (
    id          serial PRIMARY KEY,
    user_id     integer NOT NULL REFERENCES users(id),
    provider_token varchar(128) NOT NULL,
    brand       varchar(16),
    last4       char(4),
    exp_month   smallint,
    exp_year    smallint,
    is_default  boolean NOT NULL DEFAULT false,
    deleted     boolean NOT NULL DEFAULT false
);

CREATE TABLE payments (
    id            serial PRIMARY KEY,
    order_id      integer NOT NULL,
    amount        numeric(10, 2) NOT NULL,
    method        varchar(16) NOT NULL,
    provider_ref  varchar(64),
    status        varchar(16) NOT NULL DEFAULT 'pending',
    raw_response  jsonb,
    created_at    timestamp NOT NULL DEFAULT now(),
    updated_at    timestamp
);
CREATE INDEX payments_order_idx ON payments (order_id);
CREATE UNIQUE INDEX payments_provider_ref_idx ON payments (provider_ref);

CREATE TABLE refunds (
    id          serial PRIMARY KEY,
    payment_id  integer NOT NULL REFERENCES payments(id),
    amount      numeric(10, 2) NOT NULL,
    reason      text,
    status      varchar(16) NOT NULL DEFAULT 'requested',
    created_at  timestamp NOT NULL DEFAULT now(),
    done_at     timestamp
);

CREATE TABLE invoices (
    id         serial PRIMARY KEY,
    number     varchar(32) NOT NULL UNIQUE,
    order_id   integer NOT NULL,
    user_id    integer NOT NULL,
    amount     numeric(10, 2) NOT NULL,
    currency   char(3) NOT NULL,
    issued_at  timestamp NOT NULL DEFAULT now()
);

CREATE TABLE ledger_entries (
    id         bigserial PRIMARY KEY,
    order_id   integer,
    account    integer NOT NULL,
    debit      numeric(12, 2) NOT NULL DEFAULT 0,
    credit     numeric(12, 2) NOT NULL DEFAULT 0,
    kind       varchar(16) NOT NULL,
    posted_at  timestamp NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entries_posted_idx ON ledger_entries (posted_at, account);

-- ---------------------------------------------------------------- shipping (mapped in shop/models.py)

CREATE TABLE carriers (
    id            serial PRIMARY KEY,
    code          varchar(16) NOT NULL UNIQUE,
    name          varchar(80) NOT NULL,
    tracking_url  varchar(255),
    active        boolean DEFAULT true
);

CREATE TABLE shipping_rates (
    id            serial PRIMARY KEY,
    carrier_id    integer NOT NULL REFERENCES carriers(id),
    zone          varchar(8) NOT NULL,
    max_weight_g  integer NOT NULL,
    price         numeric(10, 2) NOT NULL
);

CREATE TABLE shipments (
    id               serial PRIMARY KEY,
    order_id         integer NOT NULL,
    carrier_id       integer REFERENCES carriers(id),
    status           varchar(16) DEFAULT 'pending',
    tracking_number  varchar(64),
    weight_g         integer,
    cost             numeric(10, 2),
    shipped_at       timestamp,
    delivered_at     timestamp,
    notes            text,
    created_at       timestamp NOT NULL DEFAULT now(),
    updated_at       timestamp
);
CREATE INDEX shipments_order_idx ON shipments (order_id);
CREATE INDEX shipments_tracking_idx ON shipments (tracking_number);

CREATE TABLE shipment_items (
    id             serial PRIMARY KEY,
    shipment_id    integer NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
    order_item_id  integer NOT NULL,
    quantity       integer NOT NULL
);

-- ---------------------------------------------------------------- notifications

CREATE TABLE email_templates (
    id       serial PRIMARY KEY,
    name     varchar(64) NOT NULL UNIQUE,
    subject  varchar(200) NOT NULL,
    body     text NOT NULL,
    active   boolean NOT NULL DEFAULT true
);

CREATE TABLE email_queue (
    id          bigserial PRIMARY KEY,
    recipient   varchar(255) NOT NULL,
    subject     varchar(200) NOT NULL,
    body        text NOT NULL,
    template    varchar(64),
    status      varchar(16) NOT NULL DEFAULT 'queued',
    created_at  timestamp NOT NULL DEFAULT now(),
    sent_at     timestamp
);
CREATE INDEX email_queue_status_idx ON email_queue (status, id);

CREATE TABLE notification_prefs (
    user_id  integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind     varchar(16) NOT NULL,
    enabled  boolean NOT NULL DEFAULT true,
    PRIMARY KEY (user_id, kind)
);

-- ---------------------------------------------------------------- reporting

CREATE TABLE daily_sales (
    day         date PRIMARY KEY,
    orders      integer NOT NULL,
    revenue     numeric(12, 2) NOT NULL,
    refunds     numeric(12, 2) NOT NULL DEFAULT 0,
    avg_basket  numeric(10, 2)
);

CREATE TABLE report_runs (
    id           serial PRIMARY KEY,
    name         varchar(64) NOT NULL,
    row_count    integer,
    started_at   timestamp NOT NULL,
    finished_at  timestamp
);

CREATE VIEW sales_summary AS
    SELECT date_trunc('month', o.created_at)::date AS month,
           COUNT(DISTINCT o.id) AS orders,
           COUNT(DISTINCT o.user_id) AS customers,
           SUM(o.total) AS revenue,
           COALESCE(SUM(r.amount), 0) AS refunded
      FROM orders o
      LEFT JOIN payments p ON p.order_id = o.id
      LEFT JOIN refunds r ON r.payment_id = p.id
     WHERE o.status <> 'cancelled'
     GROUP BY 1;

-- ---------------------------------------------------------------- foreign keys added later

ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE orders ADD CONSTRAINT orders_address_fk
    FOREIGN KEY (shipping_address_id) REFERENCES user_addresses(id);
ALTER TABLE order_items ADD CONSTRAINT order_items_product_fk
    FOREIGN KEY (product_id) REFERENCES products(id);
ALTER TABLE carts ADD CONSTRAINT carts_coupon_fk FOREIGN KEY (coupon_id) REFERENCES coupons(id);
ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders(id);
ALTER TABLE invoices ADD CONSTRAINT invoices_order_fk FOREIGN KEY (order_id) REFERENCES orders(id);
ALTER TABLE invoices ADD CONSTRAINT invoices_user_fk FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE shipments ADD CONSTRAINT shipments_order_fk FOREIGN KEY (order_id) REFERENCES orders(id);
ALTER TABLE shipment_items ADD CONSTRAINT shipment_items_order_item_fk
    FOREIGN KEY (order_item_id) REFERENCES order_items(id);
ALTER TABLE stock_reservations ADD CONSTRAINT stock_reservations_order_fk
    FOREIGN KEY (order_id) REFERENCES orders(id);
ALTER TABLE sessions ADD CONSTRAINT sessions_user_fk
    FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;

-- ---------------------------------------------------------------- triggers

CREATE FUNCTION log_order_status() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
        INSERT INTO order_status_history (order_id, status, changed_at)
        VALUES (NEW.id, NEW.status, now());
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER orders_status_history
    AFTER INSERT OR UPDATE OF status ON orders
    FOR EACH ROW EXECUTE PROCEDURE log_order_status();

CREATE FUNCTION touch_product() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER products_touch
    BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE PROCEDURE touch_product();
