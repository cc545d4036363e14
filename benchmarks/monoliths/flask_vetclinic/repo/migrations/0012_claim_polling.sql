-- 0012 poll insurer for claim status
ALTER TABLE insurance_claims ADD COLUMN last_polled TIMESTAMP;
CREATE INDEX idx_claims_status ON insurance_claims(status);
