-- RxBO back office schema
-- dumped from prod 2016-03-02 (mysqldump --no-data), cleaned up by hand.
-- keep this in sync when you add columns!!! (nobody does)

SET FOREIGN_KEY_CHECKS=0;

-- ---------------------------------------------------------------
-- branches / staff
-- ---------------------------------------------------------------

CREATE TABLE branches (
  id INT AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(8) NOT NULL UNIQUE,
  name VARCHAR(100) NOT NULL,
  address1 VARCHAR(120),
  city VARCHAR(60),
  state CHAR(2),
  zip VARCHAR(10),
  phone VARCHAR(20),
  ncpdp_id VARCHAR(7),
  npi VARCHAR(10),
  dea_number VARCHAR(9),
  label_printer VARCHAR(64),
  opened_on DATE,
  active TINYINT NOT NULL DEFAULT 1
) ENGINE=InnoDB;

CREATE TABLE staff (
  id INT AUTO_INCREMENT PRIMARY KEY,
  branch_id INT,
  username VARCHAR(40) NOT NULL UNIQUE,
  password_hash VARCHAR(128),
  first_name VARCHAR(60),
  last_name VARCHAR(60),
  role ENUM('tech','pharmacist','manager','cashier','admin') NOT NULL DEFAULT 'tech',
  email VARCHAR(120),
  phone VARCHAR(20),
  hourly_rate DECIMAL(8,2),
  active TINYINT NOT NULL DEFAULT 1,
  hired_on DATE,
  last_login DATETIME,
  FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB;

CREATE TABLE staff_licences (
  id INT AUTO_INCREMENT PRIMARY KEY,
  staff_id INT NOT NULL,
  licence_type VARCHAR(30) NOT NULL,
  licence_number VARCHAR(40) NOT NULL,
  state CHAR(2),
  expires_on DATE,
  verified_by INT,
  FOREIGN KEY (staff_id) REFERENCES staff(id),
  FOREIGN KEY (verified_by) REFERENCES staff(id)
) ENGINE=InnoDB;

CREATE TABLE shifts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  branch_id INT NOT NULL,
  staff_id INT NOT NULL,
  shift_date DATE NOT NULL,
  start_time TIME NOT NULL,
  end_time TIME NOT NULL,
  shift_type VARCHAR(12) DEFAULT 'REG',
  created_by INT,
  swapped_from INT,
  FOREIGN KEY (branch_id) REFERENCES branches(id),
  FOREIGN KEY (staff_id) REFERENCES staff(id)
) ENGINE=InnoDB;

CREATE TABLE timesheets (
  id INT AUTO_INCREMENT PRIMARY KEY,
  staff_id INT NOT NULL,
  branch_id INT NOT NULL,
  clock_in DATETIME NOT NULL,
  clock_out DATETIME,
  hours DECIMAL(6,2),
  approved_by INT,
  closed TINYINT NOT NULL DEFAULT 0,
  period_end DATE,
  FOREIGN KEY (staff_id) REFERENCES staff(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB;

CREATE TABLE leave_requests (
  id INT AUTO_INCREMENT PRIMARY KEY,
  staff_id INT NOT NULL,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  leave_type VARCHAR(20) DEFAULT 'PTO',
  status VARCHAR(12) DEFAULT 'PENDING',
  approved_by INT,
  requested_at DATETIME,
  FOREIGN KEY (staff_id) REFERENCES staff(id)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- patients
-- ---------------------------------------------------------------

CREATE TABLE patients (
  id INT AUTO_INCREMENT PRIMARY KEY,
  first_name VARCHAR(60) NOT NULL,
  last_name VARCHAR(60) NOT NULL,
  dob DATE,
  gender CHAR(1),
  phone VARCHAR(20),
  mobile VARCHAR(20),
  email VARCHAR(120),
  preferred_branch_id INT,
  merged_into_id INT,
  legacy_id VARCHAR(20),
  active TINYINT NOT NULL DEFAULT 1,
  created_at DATETIME,
  updated_at DATETIME,
  FOREIGN KEY (preferred_branch_id) REFERENCES branches(id),
  KEY idx_patient_name (last_name, first_name),
  KEY idx_patient_dob (dob)
) ENGINE=InnoDB;

CREATE TABLE patient_addresses (
  id INT AUTO_INCREMENT PRIMARY KEY,
  patient_id INT NOT NULL,
  address_type VARCHAR(10) DEFAULT 'HOME',
  line1 VARCHAR(120),
  line2 VARCHAR(120),
  city VARCHAR(60),
  state CHAR(2),
  zip VARCHAR(10),
  is_primary TINYINT DEFAULT 0,
  FOREIGN KEY (patient_id) REFERENCES patients(id)
) ENGINE=InnoDB;

CREATE TABLE patient_allergies (
  id INT AUTO_INCREMENT PRIMARY KEY,
  patient_id INT NOT NULL,
  allergen VARCHAR(80) NOT NULL,
  allergen_class VARCHAR(40),
  reaction VARCHAR(120),
  severity VARCHAR(10),
  recorded_by INT,
  recorded_at DATETIME,
  FOREIGN KEY (patient_id) REFERENCES patients(id),
  FOREIGN KEY (recorded_by) REFERENCES staff(id)
) ENGINE=InnoDB;

CREATE TABLE patient_consents (
  id INT AUTO_INCREMENT PRIMARY KEY,
  patient_id INT NOT NULL,
  consent_type VARCHAR(20) NOT NULL,
  granted TINYINT NOT NULL,
  source VARCHAR(20),
  recorded_at DATETIME,
  FOREIGN KEY (patient_id) REFERENCES patients(id)
) ENGINE=InnoDB;

CREATE TABLE patient_notes (
  id INT AUTO_INCREMENT PRIMARY KEY,
  patient_id INT NOT NULL,
  staff_id INT,
  note_type VARCHAR(20) DEFAULT 'GENERAL',
  note TEXT,
  created_at DATETIME,
  FOREIGN KEY (patient_id) REFERENCES patients(id),
  FOREIGN KEY (staff_id) REFERENCES staff(id)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- prescriptions
-- ---------------------------------------------------------------

CREATE TABLE prescribers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  npi VARCHAR(10) UNIQUE,
  dea_number VARCHAR(9),
  first_name VARCHAR(60),
  last_name VARCHAR(60),
  practice_name VARCHAR(120),
  phone VARCHAR(20),
  fax VARCHAR(20),
  state_licence VARCHAR(30),
  created_at DATETIME
) ENGINE=InnoDB;

CREATE TABLE prescriptions (
  id INT AUTO_INCREMENT PRIMARY KEY,
  rx_number VARCHAR(12) NOT NULL UNIQUE,
  patient_id INT NOT NULL,
  prescriber_id INT,
  branch_id INT NOT NULL,
  written_date DATE,
  received_at DATETIME,
  source VARCHAR(10),
  status VARCHAR(12) NOT NULL DEFAULT 'ACTIVE',
  hold_reason VARCHAR(200),
  transferred_from VARCHAR(120),
  transferred_to VARCHAR(120),
  created_by INT,
  FOREIGN KEY (patient_id) REFERENCES patients(id),
  FOREIGN KEY (prescriber_id) REFERENCES prescribers(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id),
  FOREIGN KEY (created_by) REFERENCES staff(id)
) ENGINE=InnoDB;

CREATE TABLE prescription_items (
  id INT AUTO_INCREMENT PRIMARY KEY,
  prescription_id INT NOT NULL,
  product_id INT NOT NULL,
  sig VARCHAR(255),
  quantity DECIMAL(10,2),
  days_supply INT,
  refills_authorized INT DEFAULT 0,
  refills_used INT DEFAULT 0,
  daw_code CHAR(1) DEFAULT '0',
  status VARCHAR(12) DEFAULT 'ACTIVE',
  last_filled_at DATETIME,
  next_due_date DATE,
  reminded_at DATETIME,
  FOREIGN KEY (prescription_id) REFERENCES prescriptions(id),
  FOREIGN KEY (product_id) REFERENCES products(id)
) ENGINE=InnoDB;

CREATE TABLE refill_requests (
  id INT AUTO_INCREMENT PRIMARY KEY,
  prescription_item_id INT NOT NULL,
  patient_id INT NOT NULL,
  channel VARCHAR(10),
  status VARCHAR(12) DEFAULT 'NEW',
  requested_at DATETIME,
  handled_by INT,
  handled_at DATETIME,
  deny_reason VARCHAR(200),
  FOREIGN KEY (prescription_item_id) REFERENCES prescription_items(id),
  FOREIGN KEY (patient_id) REFERENCES patients(id)
) ENGINE=InnoDB;

CREATE TABLE drug_interactions (
  id INT AUTO_INCREMENT PRIMARY KEY,
  ingredient_a VARCHAR(80) NOT NULL,
  ingredient_b VARCHAR(80) NOT NULL,
  severity VARCHAR(10),
  description TEXT,
  KEY idx_ing (ingredient_a, ingredient_b)
) ENGINE=InnoDB;

CREATE TABLE rx_images (
  id INT AUTO_INCREMENT PRIMARY KEY,
  prescription_id INT NOT NULL,
  file_path VARCHAR(255),
  uploaded_at DATETIME,
  uploaded_by INT,
  FOREIGN KEY (prescription_id) REFERENCES prescriptions(id)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- dispensing
-- ---------------------------------------------------------------

CREATE TABLE collection_orders (
  id INT AUTO_INCREMENT PRIMARY KEY,
  order_ref VARCHAR(16) NOT NULL UNIQUE,
  patient_id INT NOT NULL,
  branch_id INT NOT NULL,
  channel VARCHAR(10),
  status VARCHAR(12) DEFAULT 'REQUESTED',
  requested_at DATETIME,
  ready_at DATETIME,
  collected_at DATETIME,
  notes VARCHAR(255),
  FOREIGN KEY (patient_id) REFERENCES patients(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB;

CREATE TABLE dispense_events (
  id INT AUTO_INCREMENT PRIMARY KEY,
  prescription_item_id INT NOT NULL,
  patient_id INT NOT NULL,
  branch_id INT NOT NULL,
  product_id INT NOT NULL,
  batch_id INT,
  collection_order_id INT,
  quantity DECIMAL(10,2),
  status VARCHAR(12) NOT NULL DEFAULT 'QUEUED',
  queued_at DATETIME,
  filled_by INT,
  filled_at DATETIME,
  verified_by INT,
  verified_at DATETIME,
  collected_at DATETIME,
  price DECIMAL(10,2),
  copay DECIMAL(10,2),
  bin_location VARCHAR(10),
  return_reason VARCHAR(120),
  FOREIGN KEY (prescription_item_id) REFERENCES prescription_items(id),
  FOREIGN KEY (patient_id) REFERENCES patients(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id),
  FOREIGN KEY (product_id) REFERENCES products(id),
  FOREIGN KEY (batch_id) REFERENCES stock_batches(id),
  FOREIGN KEY (collection_order_id) REFERENCES collection_orders(id),
  FOREIGN KEY (filled_by) REFERENCES staff(id),
  FOREIGN KEY (verified_by) REFERENCES staff(id)
) ENGINE=InnoDB;

CREATE TABLE dispense_labels (
  id INT AUTO_INCREMENT PRIMARY KEY,
  dispense_event_id INT NOT NULL,
  label_text TEXT,
  printed_at DATETIME,
  printed_by INT,
  reprint_count INT DEFAULT 0,
  FOREIGN KEY (dispense_event_id) REFERENCES dispense_events(id)
) ENGINE=InnoDB;

CREATE TABLE pharmacist_checks (
  id INT AUTO_INCREMENT PRIMARY KEY,
  dispense_event_id INT NOT NULL,
  pharmacist_id INT NOT NULL,
  check_type VARCHAR(12),
  result VARCHAR(10),
  notes VARCHAR(255),
  checked_at DATETIME,
  FOREIGN KEY (dispense_event_id) REFERENCES dispense_events(id),
  FOREIGN KEY (pharmacist_id) REFERENCES staff(id)
) ENGINE=InnoDB;

CREATE TABLE counselling_log (
  id INT AUTO_INCREMENT PRIMARY KEY,
  dispense_event_id INT NOT NULL,
  pharmacist_id INT,
  offered TINYINT DEFAULT 1,
  accepted TINYINT DEFAULT 0,
  notes VARCHAR(255),
  logged_at DATETIME,
  FOREIGN KEY (dispense_event_id) REFERENCES dispense_events(id)
) ENGINE=InnoDB;

CREATE TABLE controlled_substance_log (
  id INT AUTO_INCREMENT PRIMARY KEY,
  branch_id INT NOT NULL,
  product_id INT NOT NULL,
  dea_schedule CHAR(3),
  direction CHAR(3) NOT NULL,
  quantity DECIMAL(10,2) NOT NULL,
  balance_after DECIMAL(10,2),
  ref_type VARCHAR(12),
  ref_id INT,
  staff_id INT,
  logged_at DATETIME,
  FOREIGN KEY (branch_id) REFERENCES branches(id),
  FOREIGN KEY (product_id) REFERENCES products(id)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- products / stock
-- ---------------------------------------------------------------

CREATE TABLE products (
  id INT AUTO_INCREMENT PRIMARY KEY,
  ndc VARCHAR(11) NOT NULL UNIQUE,
  upc VARCHAR(14),
  name VARCHAR(120) NOT NULL,
  strength VARCHAR(40),
  form VARCHAR(20),
  pack_size DECIMAL(10,2),
  manufacturer VARCHAR(80),
  active_ingredient VARCHAR(80),
  dea_schedule CHAR(3),
  is_generic TINYINT DEFAULT 0,
  unit_cost DECIMAL(10,4),
  discontinued TINYINT DEFAULT 0,
  created_at DATETIME
) ENGINE=InnoDB;

CREATE TABLE product_prices (
  id INT AUTO_INCREMENT PRIMARY KEY,
  product_id INT NOT NULL,
  price_type VARCHAR(10) NOT NULL,
  price DECIMAL(10,4) NOT NULL,
  effective_from DATE,
  effective_to DATE,
  FOREIGN KEY (product_id) REFERENCES products(id)
) ENGINE=InnoDB;

CREATE TABLE stock_levels (
  id INT AUTO_INCREMENT PRIMARY KEY,
  product_id INT NOT NULL,
  branch_id INT NOT NULL,
  on_hand DECIMAL(10,2) NOT NULL DEFAULT 0,
  allocated DECIMAL(10,2) NOT NULL DEFAULT 0,
  min_level DECIMAL(10,2) DEFAULT 0,
  max_level DECIMAL(10,2) DEFAULT 0,
  bin_location VARCHAR(10),
  updated_at DATETIME,
  UNIQUE KEY uq_stock (product_id, branch_id),
  FOREIGN KEY (product_id) REFERENCES products(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB;

CREATE TABLE stock_batches (
  id INT AUTO_INCREMENT PRIMARY KEY,
  product_id INT NOT NULL,
  branch_id INT NOT NULL,
  lot_number VARCHAR(30),
  expiry_date DATE,
  qty_received DECIMAL(10,2),
  qty_remaining DECIMAL(10,2),
  goods_receipt_id INT,
  received_at DATETIME,
  status VARCHAR(12) DEFAULT 'OK',
  FOREIGN KEY (product_id) REFERENCES products(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id),
  FOREIGN KEY (goods_receipt_id) REFERENCES goods_receipts(id)
) ENGINE=InnoDB;

CREATE TABLE stock_movements (
  id INT AUTO_INCREMENT PRIMARY KEY,
  product_id INT NOT NULL,
  branch_id INT NOT NULL,
  batch_id INT,
  qty DECIMAL(10,2) NOT NULL,
  movement_type VARCHAR(12) NOT NULL,
  ref_type VARCHAR(12),
  ref_id INT,
  staff_id INT,
  note VARCHAR(255),
  created_at DATETIME,
  FOREIGN KEY (product_id) REFERENCES products(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id),
  FOREIGN KEY (batch_id) REFERENCES stock_batches(id)
) ENGINE=InnoDB;

CREATE TABLE stock_counts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  branch_id INT NOT NULL,
  count_type VARCHAR(10) DEFAULT 'CYCLE',
  status VARCHAR(10) DEFAULT 'OPEN',
  started_by INT,
  started_at DATETIME,
  finalised_at DATETIME,
  FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB;

CREATE TABLE stock_count_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  stock_count_id INT NOT NULL,
  product_id INT NOT NULL,
  expected_qty DECIMAL(10,2),
  counted_qty DECIMAL(10,2),
  counted_by INT,
  FOREIGN KEY (stock_count_id) REFERENCES stock_counts(id),
  FOREIGN KEY (product_id) REFERENCES products(id)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- suppliers / purchasing
-- NB: "orders" here are SUPPLIER orders (POs). Web click&collect
-- orders live in collection_orders.  Don't ask.
-- ---------------------------------------------------------------

CREATE TABLE suppliers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  account_number VARCHAR(30),
  edi_id VARCHAR(20),
  email VARCHAR(120),
  phone VARCHAR(20),
  payment_terms_days INT DEFAULT 30,
  lead_time_days INT DEFAULT 1,
  min_order_value DECIMAL(10,2) DEFAULT 0,
  active TINYINT DEFAULT 1
) ENGINE=InnoDB;

CREATE TABLE supplier_products (
  id INT AUTO_INCREMENT PRIMARY KEY,
  supplier_id INT NOT NULL,
  product_id INT NOT NULL,
  supplier_sku VARCHAR(30),
  cost DECIMAL(10,4),
  pack_size DECIMAL(10,2),
  valid_from DATE,
  valid_to DATE,
  FOREIGN KEY (supplier_id) REFERENCES suppliers(id),
  FOREIGN KEY (product_id) REFERENCES products(id)
) ENGINE=InnoDB;

CREATE TABLE orders (
  id INT AUTO_INCREMENT PRIMARY KEY,
  order_number VARCHAR(20) NOT NULL UNIQUE,
  supplier_id INT NOT NULL,
  branch_id INT NOT NULL,
  status VARCHAR(12) DEFAULT 'DRAFT',
  auto_generated TINYINT DEFAULT 0,
  created_at DATETIME,
  created_by INT,
  submitted_at DATETIME,
  expected_date DATE,
  total_cost DECIMAL(12,2),
  edi_ack VARCHAR(40),
  FOREIGN KEY (supplier_id) REFERENCES suppliers(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB;

CREATE TABLE order_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  order_id INT NOT NULL,
  product_id INT NOT NULL,
  qty_ordered DECIMAL(10,2),
  qty_received DECIMAL(10,2) DEFAULT 0,
  unit_cost DECIMAL(10,4),
  FOREIGN KEY (order_id) REFERENCES orders(id),
  FOREIGN KEY (product_id) REFERENCES products(id)
) ENGINE=InnoDB;

CREATE TABLE goods_receipts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  order_id INT,
  branch_id INT NOT NULL,
  received_by INT,
  received_at DATETIME,
  invoice_ref VARCHAR(40),
  notes VARCHAR(255),
  FOREIGN KEY (order_id) REFERENCES orders(id),
  FOREIGN KEY (branch_id) REFERENCES branches(id)
) ENGINE=InnoDB;

CREATE TABLE supplier_invoices (
  id INT AUTO_INCREMENT PRIMARY KEY,
  supplier_id INT NOT NULL,
  order_id INT,
  invoice_number VARCHAR(40) NOT NULL,
  invoice_date DATE,
  amount DECIMAL(12,2),
  status VARCHAR(10) DEFAULT 'NEW',
  matched_at DATETIME,
  FOREIGN KEY (supplier_id) REFERENCES suppliers(id),
  FOREIGN KEY (order_id) REFERENCES orders(id)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- third party / insurance
-- ---------------------------------------------------------------

CREATE TABLE insurers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  bin CHAR(6) NOT NULL,
  pcn VARCHAR(10),
  payer_id VARCHAR(20),
  phone VARCHAR(20),
  active TINYINT DEFAULT 1
) ENGINE=InnoDB;

CREATE TABLE insurance_plans (
  id INT AUTO_INCREMENT PRIMARY KEY,
  insurer_id INT NOT NULL,
  plan_code VARCHAR(20),
  plan_name VARCHAR(120),
  group_number VARCHAR(20),
  copay_generic DECIMAL(8,2),
  copay_brand DECIMAL(8,2),
  requires_pa TINYINT DEFAULT 0,
  FOREIGN KEY (insurer_id) REFERENCES insurers(id)
) ENGINE=InnoDB;

CREATE TABLE patient_coverage (
  id INT AUTO_INCREMENT PRIMARY KEY,
  patient_id INT NOT NULL,
  plan_id INT NOT NULL,
  member_id VARCHAR(30) NOT NULL,
  person_code VARCHAR(3),
  relationship CHAR(1) DEFAULT '1',
  priority TINYINT DEFAULT 1,
  effective_from DATE,
  effective_to DATE,
  active TINYINT DEFAULT 1,
  FOREIGN KEY (patient_id) REFERENCES patients(id),
  FOREIGN KEY (plan_id) REFERENCES insurance_plans(id)
) ENGINE=InnoDB;

CREATE TABLE claims (
  id INT AUTO_INCREMENT PRIMARY KEY,
  claim_number VARCHAR(20) UNIQUE,
  dispense_event_id INT NOT NULL,
  coverage_id INT NOT NULL,
  status VARCHAR(12) DEFAULT 'NEW',
  attempts INT DEFAULT 0,
  submitted_at DATETIME,
  response_code CHAR(1),
  reject_codes VARCHAR(60),
  amount_billed DECIMAL(10,2),
  amount_paid DECIMAL(10,2),
  copay DECIMAL(10,2),
  reversed_at DATETIME,
  remittance_id INT,
  FOREIGN KEY (dispense_event_id) REFERENCES dispense_events(id),
  FOREIGN KEY (coverage_id) REFERENCES patient_coverage(id)
) ENGINE=InnoDB;

CREATE TABLE claim_responses (
  id INT AUTO_INCREMENT PRIMARY KEY,
  claim_id INT NOT NULL,
  transaction_code CHAR(2),
  response_code CHAR(1),
  raw_response TEXT,
  received_at DATETIME,
  FOREIGN KEY (claim_id) REFERENCES claims(id)
) ENGINE=InnoDB;

CREATE TABLE remittances (
  id INT AUTO_INCREMENT PRIMARY KEY,
  insurer_id INT NOT NULL,
  check_number VARCHAR(30),
  check_date DATE,
  total_amount DECIMAL(12,2),
  file_name VARCHAR(255),
  imported_at DATETIME,
  FOREIGN KEY (insurer_id) REFERENCES insurers(id)
) ENGINE=InnoDB;

CREATE TABLE remittance_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  remittance_id INT NOT NULL,
  claim_number VARCHAR(20),
  amount_paid DECIMAL(10,2),
  adjustment_code VARCHAR(10),
  matched_claim_id INT,
  FOREIGN KEY (remittance_id) REFERENCES remittances(id),
  FOREIGN KEY (matched_claim_id) REFERENCES claims(id)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- loyalty ("RxRewards", launched 2014)
-- ---------------------------------------------------------------

CREATE TABLE loyalty_members (
  id INT AUTO_INCREMENT PRIMARY KEY,
  patient_id INT NOT NULL UNIQUE,
  card_number VARCHAR(16) NOT NULL UNIQUE,
  tier VARCHAR(10) DEFAULT 'BASIC',
  points_balance INT DEFAULT 0,
  status VARCHAR(10) DEFAULT 'ACTIVE',
  enrolled_at DATETIME,
  enrolled_branch_id INT,
  birthday_bonus_year INT,
  FOREIGN KEY (patient_id) REFERENCES patients(id),
  FOREIGN KEY (enrolled_branch_id) REFERENCES branches(id)
) ENGINE=InnoDB;

CREATE TABLE points_ledger (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  points INT NOT NULL,
  reason VARCHAR(40),
  ref_type VARCHAR(12),
  ref_id INT,
  created_at DATETIME,
  expires_at DATE,
  expired TINYINT DEFAULT 0,
  FOREIGN KEY (member_id) REFERENCES loyalty_members(id)
) ENGINE=InnoDB;

CREATE TABLE rewards (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120) NOT NULL,
  reward_type VARCHAR(12),
  points_cost INT NOT NULL,
  value DECIMAL(8,2),
  active TINYINT DEFAULT 1
) ENGINE=InnoDB;

CREATE TABLE reward_redemptions (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  reward_id INT NOT NULL,
  points_spent INT,
  branch_id INT,
  staff_id INT,
  redeemed_at DATETIME,
  FOREIGN KEY (member_id) REFERENCES loyalty_members(id),
  FOREIGN KEY (reward_id) REFERENCES rewards(id)
) ENGINE=InnoDB;

CREATE TABLE promotions (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120),
  code VARCHAR(20) UNIQUE,
  multiplier DECIMAL(4,2) DEFAULT 1.00,
  min_spend DECIMAL(8,2) DEFAULT 0,
  start_date DATE,
  end_date DATE,
  created_by INT,
  active TINYINT DEFAULT 1
) ENGINE=InnoDB;

SET FOREIGN_KEY_CHECKS=1;
