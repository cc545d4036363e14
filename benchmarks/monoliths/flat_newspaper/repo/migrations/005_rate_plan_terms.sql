-- 005: minimum terms on rate plans, cancellation reasons become a fixed list
BEGIN;
ALTER TABLE rate_plans ADD COLUMN min_term_weeks smallint NOT NULL DEFAULT 0;
ALTER TABLE subscriptions ALTER COLUMN cancel_reason TYPE varchar(20);
UPDATE subscriptions SET cancel_reason = 'OTHER' WHERE cancel_reason IS NOT NULL
   AND cancel_reason NOT IN ('PRICE', 'DELIVERY', 'MOVED', 'DECEASED', 'DIGITAL', 'NONPAY', 'OTHER');
ALTER TABLE delivery_routes ADD COLUMN walk_minutes smallint;
COMMIT;
