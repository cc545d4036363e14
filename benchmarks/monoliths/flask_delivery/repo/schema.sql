-- Dishdash schema. Apply with: psql dishdash < schema.sql (or sqlite3 dev.db < schema.sql)
-- Keep migrations/ in sync by hand, there is no migration tool (yet).

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    email           VARCHAR(200) NOT NULL UNIQUE,
    phone           VARCHAR(32),
    full_name       VARCHAR(200),
    password_hash   VARCHAR(200) NOT NULL,
    role            VARCHAR(20) NOT NULL DEFAULT 'customer',   -- customer|owner|courier|admin
    is_active       BOOLEAN NOT NULL DEFAULT 1,
    marketing_opt_in BOOLEAN NOT NULL DEFAULT 0,
    referred_by     INTEGER REFERENCES users(id),
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    last_login_at   TIMESTAMP
);

CREATE TABLE customer_addresses (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    label       VARCHAR(40),
    line1       VARCHAR(200) NOT NULL,
    line2       VARCHAR(200),
    city        VARCHAR(100) NOT NULL,
    postcode    VARCHAR(20),
    lat         REAL,
    lng         REAL,
    instructions TEXT,
    is_default  BOOLEAN NOT NULL DEFAULT 0,
    deleted     BOOLEAN NOT NULL DEFAULT 0
);

CREATE TABLE customer_favourites (
    user_id       INTEGER NOT NULL REFERENCES users(id),
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id),
    created_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, restaurant_id)
);

CREATE TABLE password_resets (
    token      VARCHAR(64) PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    expires_at TIMESTAMP NOT NULL,
    used       BOOLEAN NOT NULL DEFAULT 0
);

CREATE TABLE restaurants (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER REFERENCES users(id),
    name            VARCHAR(200) NOT NULL,
    slug            VARCHAR(200) UNIQUE,
    cuisine         VARCHAR(60),
    phone           VARCHAR(32),
    address         VARCHAR(300),
    lat             REAL,
    lng             REAL,
    delivery_radius_km REAL NOT NULL DEFAULT 5,
    min_order_cents INTEGER NOT NULL DEFAULT 0,
    prep_minutes    INTEGER NOT NULL DEFAULT 20,
    commission_pct  REAL NOT NULL DEFAULT 18,
    status          VARCHAR(20) NOT NULL DEFAULT 'pending',  -- pending|active|paused|closed
    iban            VARCHAR(40),
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE opening_hours (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id),
    weekday       INTEGER NOT NULL,          -- 0 = monday
    opens         VARCHAR(5) NOT NULL,       -- '11:30'
    closes        VARCHAR(5) NOT NULL
);

CREATE TABLE menu_categories (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id),
    name          VARCHAR(100) NOT NULL,
    position      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE menu_items (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id),
    category_id   INTEGER REFERENCES menu_categories(id),
    name          VARCHAR(200) NOT NULL,
    description   TEXT,
    price_cents   INTEGER NOT NULL,
    is_available  BOOLEAN NOT NULL DEFAULT 1,
    is_vegetarian BOOLEAN NOT NULL DEFAULT 0,
    allergens     VARCHAR(200),
    photo_url     VARCHAR(300)
);

CREATE TABLE menu_item_options (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES menu_items(id),
    name        VARCHAR(100) NOT NULL,
    extra_cents INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE carts (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    restaurant_id INTEGER REFERENCES restaurants(id),
    coupon_code   VARCHAR(40),
    updated_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE cart_items (
    id        INTEGER PRIMARY KEY,
    cart_id   INTEGER NOT NULL REFERENCES carts(id),
    item_id   INTEGER NOT NULL REFERENCES menu_items(id),
    option_id INTEGER REFERENCES menu_item_options(id),
    qty       INTEGER NOT NULL DEFAULT 1,
    note      VARCHAR(200)
);

CREATE TABLE orders (
    id                INTEGER PRIMARY KEY,
    number            VARCHAR(20) NOT NULL UNIQUE,
    user_id           INTEGER NOT NULL REFERENCES users(id),
    restaurant_id     INTEGER NOT NULL REFERENCES restaurants(id),
    address_id        INTEGER REFERENCES customer_addresses(id),
    status            VARCHAR(20) NOT NULL DEFAULT 'placed',
    -- placed|accepted|preparing|ready|picked_up|delivered|cancelled|rejected
    subtotal_cents    INTEGER NOT NULL,
    delivery_fee_cents INTEGER NOT NULL DEFAULT 0,
    discount_cents    INTEGER NOT NULL DEFAULT 0,
    tip_cents         INTEGER NOT NULL DEFAULT 0,
    total_cents       INTEGER NOT NULL,
    coupon_id         INTEGER REFERENCES coupons(id),
    notes             TEXT,
    placed_at         TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    accepted_at       TIMESTAMP,
    ready_at          TIMESTAMP,
    delivered_at      TIMESTAMP,
    cancel_reason     VARCHAR(200)
);

CREATE TABLE order_items (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    item_id     INTEGER REFERENCES menu_items(id),
    name        VARCHAR(200) NOT NULL,          -- copied, menus change
    option_name VARCHAR(100),
    qty         INTEGER NOT NULL,
    unit_cents  INTEGER NOT NULL,
    note        VARCHAR(200)
);

CREATE TABLE order_events (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders(id),
    status     VARCHAR(20) NOT NULL,
    actor_id   INTEGER REFERENCES users(id),
    note       VARCHAR(300),
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE couriers (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL UNIQUE REFERENCES users(id),
    vehicle     VARCHAR(20) NOT NULL DEFAULT 'bike',
    status      VARCHAR(20) NOT NULL DEFAULT 'offline',   -- offline|available|busy
    zone_id     INTEGER REFERENCES delivery_zones(id),
    last_lat    REAL,
    last_lng    REAL,
    last_seen_at TIMESTAMP,
    iban        VARCHAR(40)
);

CREATE TABLE courier_shifts (
    id         INTEGER PRIMARY KEY,
    courier_id INTEGER NOT NULL REFERENCES couriers(id),
    started_at TIMESTAMP NOT NULL,
    ended_at   TIMESTAMP,
    km_total   REAL DEFAULT 0
);

CREATE TABLE delivery_zones (
    id          INTEGER PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    center_lat  REAL NOT NULL,
    center_lng  REAL NOT NULL,
    radius_km   REAL NOT NULL,
    base_fee_cents INTEGER NOT NULL DEFAULT 199,
    per_km_cents   INTEGER NOT NULL DEFAULT 50,
    surge       REAL NOT NULL DEFAULT 1.0
);

CREATE TABLE deliveries (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    courier_id   INTEGER REFERENCES couriers(id),
    zone_id      INTEGER REFERENCES delivery_zones(id),
    status       VARCHAR(20) NOT NULL DEFAULT 'unassigned',  -- unassigned|assigned|picked_up|delivered|failed
    distance_km  REAL,
    fee_cents    INTEGER,
    assigned_at  TIMESTAMP,
    picked_up_at TIMESTAMP,
    delivered_at TIMESTAMP,
    attempts     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE courier_locations (
    id         INTEGER PRIMARY KEY,
    courier_id INTEGER NOT NULL REFERENCES couriers(id),
    lat        REAL NOT NULL,
    lng        REAL NOT NULL,
    recorded_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders(id),
    provider_ref VARCHAR(100),
    method       VARCHAR(20) NOT NULL DEFAULT 'card',   -- card|cash|wallet
    amount_cents INTEGER NOT NULL,
    status       VARCHAR(20) NOT NULL DEFAULT 'pending', -- pending|authorized|captured|failed|refunded
    card_last4   VARCHAR(4),
    created_at   TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    captured_at  TIMESTAMP
);

CREATE TABLE refunds (
    id           INTEGER PRIMARY KEY,
    payment_id   INTEGER NOT NULL REFERENCES payments(id),
    amount_cents INTEGER NOT NULL,
    reason       VARCHAR(200),
    provider_ref VARCHAR(100),
    created_by   INTEGER REFERENCES users(id),
    created_at   TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE payouts (
    id           INTEGER PRIMARY KEY,
    payee_type   VARCHAR(20) NOT NULL,     -- restaurant|courier
    payee_id     INTEGER NOT NULL,
    period_start DATE NOT NULL,
    period_end   DATE NOT NULL,
    amount_cents INTEGER NOT NULL,
    status       VARCHAR(20) NOT NULL DEFAULT 'draft',  -- draft|sent|paid
    paid_at      TIMESTAMP
);

CREATE TABLE payout_lines (
    id           INTEGER PRIMARY KEY,
    payout_id    INTEGER NOT NULL REFERENCES payouts(id),
    order_id     INTEGER REFERENCES orders(id),
    description  VARCHAR(200),
    amount_cents INTEGER NOT NULL
);

CREATE TABLE promotions (
    id            INTEGER PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    kind          VARCHAR(20) NOT NULL,      -- percent|fixed|free_delivery
    value         INTEGER NOT NULL,
    restaurant_id INTEGER REFERENCES restaurants(id),   -- NULL = platform wide
    min_order_cents INTEGER NOT NULL DEFAULT 0,
    starts_at     TIMESTAMP,
    ends_at       TIMESTAMP,
    funded_by     VARCHAR(20) NOT NULL DEFAULT 'platform'  -- platform|restaurant
);

CREATE TABLE coupons (
    id           INTEGER PRIMARY KEY,
    promotion_id INTEGER NOT NULL REFERENCES promotions(id),
    code         VARCHAR(40) NOT NULL UNIQUE,
    max_uses     INTEGER,
    per_user     INTEGER NOT NULL DEFAULT 1,
    is_active    BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE coupon_redemptions (
    id             INTEGER PRIMARY KEY,
    coupon_id      INTEGER NOT NULL REFERENCES coupons(id),
    user_id        INTEGER NOT NULL REFERENCES users(id),
    order_id       INTEGER REFERENCES orders(id),
    discount_cents INTEGER NOT NULL,
    created_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE referral_credits (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    source_user  INTEGER REFERENCES users(id),
    amount_cents INTEGER NOT NULL,
    used_order_id INTEGER REFERENCES orders(id),
    expires_at   TIMESTAMP
);

CREATE TABLE reviews (
    id            INTEGER PRIMARY KEY,
    order_id      INTEGER NOT NULL UNIQUE REFERENCES orders(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id),
    stars         INTEGER NOT NULL,
    body          TEXT,
    flagged       BOOLEAN NOT NULL DEFAULT 0,
    created_at    TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE review_replies (
    id         INTEGER PRIMARY KEY,
    review_id  INTEGER NOT NULL UNIQUE REFERENCES reviews(id),
    author_id  INTEGER NOT NULL REFERENCES users(id),
    body       TEXT NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE courier_ratings (
    id          INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL UNIQUE REFERENCES deliveries(id),
    courier_id  INTEGER NOT NULL REFERENCES couriers(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    stars       INTEGER NOT NULL,
    comment     VARCHAR(300),
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE notification_templates (
    id       INTEGER PRIMARY KEY,
    key      VARCHAR(60) NOT NULL UNIQUE,     -- order_placed, courier_assigned, ...
    channel  VARCHAR(10) NOT NULL,            -- sms|push|email
    subject  VARCHAR(200),
    body     TEXT NOT NULL
);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER REFERENCES users(id),
    channel    VARCHAR(10) NOT NULL,
    template   VARCHAR(60),
    recipient  VARCHAR(200) NOT NULL,
    body       TEXT NOT NULL,
    status     VARCHAR(20) NOT NULL DEFAULT 'queued',   -- queued|sent|failed
    attempts   INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    sent_at    TIMESTAMP
);

CREATE TABLE push_devices (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    token      VARCHAR(300) NOT NULL UNIQUE,
    platform   VARCHAR(10) NOT NULL,     -- ios|android
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

-- finance wanted this for the weekly statements; used by payouts and the owner dashboard
CREATE VIEW restaurant_earnings AS
    SELECT o.restaurant_id,
           date(o.delivered_at) AS day,
           COUNT(*) AS orders,
           SUM(o.subtotal_cents) AS gross_cents,
           SUM(o.subtotal_cents * r.commission_pct / 100) AS commission_cents
      FROM orders o
      JOIN restaurants r ON r.id = o.restaurant_id
      JOIN payments p ON p.order_id = o.id AND p.status = 'captured'
     WHERE o.status = 'delivered'
     GROUP BY o.restaurant_id, date(o.delivered_at);

CREATE INDEX idx_orders_user ON orders(user_id, placed_at);
CREATE INDEX idx_orders_restaurant_status ON orders(restaurant_id, status);
CREATE INDEX idx_deliveries_courier ON deliveries(courier_id, status);
CREATE INDEX idx_notifications_status ON notifications(status);
