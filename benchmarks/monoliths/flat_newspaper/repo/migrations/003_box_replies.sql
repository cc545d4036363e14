-- 003: box number replies for classifieds (replaces the paper tray at reception)
BEGIN;
CREATE TABLE classified_box_replies (
    id              serial PRIMARY KEY,
    classified_id   integer NOT NULL REFERENCES classified_ads(id),
    received_at     timestamp NOT NULL DEFAULT now(),
    sender_name     varchar(120),
    sender_contact  varchar(200),
    message         text,
    forwarded_at    timestamp
);
ALTER TABLE classified_ads ADD COLUMN expires_on date;
COMMIT;
