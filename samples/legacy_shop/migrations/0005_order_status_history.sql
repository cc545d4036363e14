-- 2024-06: keep every status change (support kept asking "when did it ship?")
CREATE TABLE order_status_history (
    id          serial PRIMARY KEY,
    order_id    integer NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    status      varchar(20) NOT NULL,
    note        text,
    changed_at  timestamp NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION log_order_status() RETURNS trigger AS $$
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
