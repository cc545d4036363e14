-- marketing: "one per customer" coupons, and referral credit
ALTER TABLE coupons ADD COLUMN per_user INTEGER NOT NULL DEFAULT 1;
CREATE TABLE referral_credits (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    source_user  INTEGER REFERENCES users(id),
    amount_cents INTEGER NOT NULL,
    used_order_id INTEGER REFERENCES orders(id),
    expires_at   TIMESTAMP
);
ALTER TABLE users ADD COLUMN referred_by INTEGER REFERENCES users(id);
