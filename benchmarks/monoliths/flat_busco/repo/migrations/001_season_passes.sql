-- 001: season tickets (previously held in the Access database in the ticket office)
CREATE TABLE season_passes (
    id              SERIAL PRIMARY KEY,
    pass_no         VARCHAR(16) NOT NULL UNIQUE,
    holder_name     VARCHAR(120) NOT NULL,
    holder_email    VARCHAR(200),
    ticket_type_id  INTEGER REFERENCES ticket_types(id),
    valid_from      DATE NOT NULL,
    valid_to        DATE NOT NULL,
    price_pence     INTEGER NOT NULL,
    status          VARCHAR(10) DEFAULT 'active',
    photo_ref       VARCHAR(100)
);

ALTER TABLE refunds ADD COLUMN season_pass_id INTEGER REFERENCES season_passes(id);
ALTER TABLE refunds ALTER COLUMN sale_id DROP NOT NULL;
