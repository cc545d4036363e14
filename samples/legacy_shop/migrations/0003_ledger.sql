-- 2023-09: double-entry ledger for the accountants
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

ALTER TABLE payments ADD COLUMN raw_response jsonb;
