-- Driver CPC expiry (DVSA), agency drivers; inhibitor charge flag
ALTER TABLE drivers ADD COLUMN cpc_expiry DATE AFTER licence_no;
ALTER TABLE drivers ADD COLUMN agency TINYINT(1) DEFAULT 0 AFTER depot;
ALTER TABLE inhibitor_incidents ADD COLUMN charged TINYINT(1) DEFAULT 0 AFTER cost;
