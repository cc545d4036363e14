-- 002: goodwill credits raised from complaints + carrier deductions
BEGIN;
ALTER TABLE complaints ADD COLUMN credit_note_id integer REFERENCES credit_notes(id);
ALTER TABLE carrier_pay_lines ADD COLUMN missed_count integer NOT NULL DEFAULT 0;
ALTER TABLE complaint_types ADD COLUMN carrier_deduction_pence integer NOT NULL DEFAULT 0;
UPDATE complaint_types SET carrier_deduction_pence = 50 WHERE code IN ('MISSED', 'WET');
COMMIT;
