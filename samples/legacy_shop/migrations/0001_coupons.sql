-- 2023-03: coupons for the spring campaign
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

ALTER TABLE carts ADD COLUMN coupon_id integer;
ALTER TABLE carts ADD CONSTRAINT carts_coupon_fk FOREIGN KEY (coupon_id) REFERENCES coupons(id);
