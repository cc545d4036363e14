-- 2024-01: weights for the carrier rates
ALTER TABLE products ADD COLUMN weight_g integer;
ALTER TABLE products ADD COLUMN supplier_managed boolean NOT NULL DEFAULT false;
UPDATE products SET weight_g = 400 WHERE weight_g IS NULL;
