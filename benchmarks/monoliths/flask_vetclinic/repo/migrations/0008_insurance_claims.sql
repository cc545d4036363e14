-- 0008 direct insurance claims via petinsure-hub
CREATE TABLE insurance_policies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    insurer         VARCHAR(80) NOT NULL,
    policy_no       VARCHAR(60) NOT NULL,
    excess          NUMERIC(10,2) DEFAULT 0,
    direct_claims   BOOLEAN DEFAULT 1,
    valid_to        DATE
);

CREATE TABLE insurance_claims (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id       INTEGER NOT NULL REFERENCES insurance_policies(id),
    invoice_id      INTEGER NOT NULL REFERENCES invoices(id),
    claimed_amount  NUMERIC(10,2) NOT NULL,
    status          VARCHAR(20) DEFAULT 'draft',
    insurer_ref     VARCHAR(60),
    submitted_at    TIMESTAMP,
    settled_amount  NUMERIC(10,2)
);

-- pets.insured was a checkbox before this, keep it for now
UPDATE pets SET insured = 1 WHERE id IN (SELECT pet_id FROM insurance_policies);
