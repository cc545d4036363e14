-- 001: Direct Debit (BACS) for subscriptions.  Anita, Jan 2023.
-- Bureau is Albany; we submit Standard 18 files from /srv/bacs/outbox.
BEGIN;

CREATE TABLE dd_mandates (
    id              serial PRIMARY KEY,
    subscriber_id   integer NOT NULL REFERENCES subscribers(id),
    reference       varchar(18) NOT NULL UNIQUE,     -- WCG + account no, padded
    account_name    varchar(18) NOT NULL,
    sort_code       varchar(6) NOT NULL,
    account_no      varchar(8) NOT NULL,
    status          varchar(12) NOT NULL DEFAULT 'pending', -- pending/lodged/active/cancelled/failed
    lodged_at       timestamp,                         -- AUDDIS 0N sent
    cancelled_at    timestamp,
    cancel_code     varchar(4),                        -- ADDACS reason
    created_at      timestamp NOT NULL DEFAULT now()
);

CREATE TABLE dd_collections (
    id              serial PRIMARY KEY,
    mandate_id      integer NOT NULL REFERENCES dd_mandates(id),
    invoice_id      integer REFERENCES invoices(id),
    amount_pence    integer NOT NULL,
    collection_date date NOT NULL,
    txn_code        varchar(2) NOT NULL DEFAULT '17',   -- 01 first, 17 repeat, 19 represent
    batch_file      varchar(80),
    status          varchar(12) NOT NULL DEFAULT 'pending', -- pending/submitted/collected/failed
    failure_code    varchar(4)
);

ALTER TABLE subscriptions ADD COLUMN mandate_id integer REFERENCES dd_mandates(id);

COMMIT;
