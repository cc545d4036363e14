-- Valley Dairy Cooperative office system
-- full schema dump (mysqldump --no-data, tidied by hand)
-- regenerate after applying migrations!  last regenerated 2014-02

SET NAMES utf8;

-- ---------------------------------------------------------------
-- members
-- ---------------------------------------------------------------
CREATE TABLE members (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_no VARCHAR(8) NOT NULL UNIQUE,
  name VARCHAR(120) NOT NULL,
  trading_name VARCHAR(120),
  address TEXT,
  postcode VARCHAR(10),
  phone VARCHAR(30),
  email VARCHAR(120),
  vat_no VARCHAR(20),
  joined DATE,
  left_on DATE,
  status ENUM('active','suspended','left','deceased') DEFAULT 'active',
  payment_method VARCHAR(10) DEFAULT 'BACS'
) ENGINE=InnoDB;

CREATE TABLE farms (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  farm_name VARCHAR(120),
  holding_no VARCHAR(20),
  herd_size INT,
  address TEXT,
  postcode VARCHAR(10),
  grid_ref VARCHAR(20),
  active TINYINT(1) DEFAULT 1,
  KEY (member_id)
) ENGINE=InnoDB;

CREATE TABLE member_shares (
  member_id INT PRIMARY KEY,
  shares INT NOT NULL DEFAULT 0,
  paid_up DECIMAL(12,2) DEFAULT 0,
  target_shares INT DEFAULT 0,
  updated DATETIME
) ENGINE=InnoDB;

CREATE TABLE share_transactions (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  tx_date DATE NOT NULL,
  kind ENUM('issue','redeem','transfer','instalment') NOT NULL,
  shares INT NOT NULL,
  amount DECIMAL(12,2) NOT NULL,
  ref VARCHAR(40),
  user_id INT,
  KEY (member_id)
) ENGINE=InnoDB;

CREATE TABLE member_bank_accounts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  account_name VARCHAR(60),
  sort_code CHAR(6),
  account_no CHAR(8),
  valid_from DATE,
  valid_to DATE,
  KEY (member_id)
) ENGINE=InnoDB;

CREATE TABLE member_notes (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  user_id INT,
  note TEXT,
  created DATETIME
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- collection
-- ---------------------------------------------------------------
CREATE TABLE routes (
  id INT AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(10) NOT NULL UNIQUE,
  name VARCHAR(80),
  depot VARCHAR(40),
  frequency ENUM('daily','eod') DEFAULT 'daily',
  active TINYINT(1) DEFAULT 1
) ENGINE=InnoDB;

CREATE TABLE route_stops (
  id INT AUTO_INCREMENT PRIMARY KEY,
  route_id INT NOT NULL,
  farm_id INT NOT NULL,
  seq INT NOT NULL,
  pickup_days VARCHAR(7) DEFAULT '1111111',
  access_notes VARCHAR(255),
  KEY (route_id)
) ENGINE=InnoDB;

CREATE TABLE farm_tanks (
  id INT AUTO_INCREMENT PRIMARY KEY,
  farm_id INT NOT NULL,
  tank_no INT DEFAULT 1,
  capacity_l INT,
  calibration TEXT,
  last_calibrated DATE
) ENGINE=InnoDB;

CREATE TABLE tanker_rounds (
  id INT AUTO_INCREMENT PRIMARY KEY,
  route_id INT NOT NULL,
  tanker_id INT,
  driver_id INT,
  round_date DATE NOT NULL,
  started DATETIME,
  finished DATETIME,
  status ENUM('planned','out','delivered','closed','rejected') DEFAULT 'planned',
  notes TEXT,
  KEY (round_date)
) ENGINE=InnoDB;

CREATE TABLE pickups (
  id INT AUTO_INCREMENT PRIMARY KEY,
  round_id INT NOT NULL,
  farm_id INT NOT NULL,
  tank_id INT,
  dip_cm DECIMAL(6,1),
  litres INT NOT NULL,
  temp_c DECIMAL(4,1),
  picked_at DATETIME,
  sample_code VARCHAR(20),
  rejected TINYINT(1) DEFAULT 0,
  KEY (round_id), KEY (farm_id, picked_at)
) ENGINE=InnoDB;

CREATE TABLE plant_intakes (
  id INT AUTO_INCREMENT PRIMARY KEY,
  round_id INT NOT NULL,
  site VARCHAR(40),
  weighbridge_litres INT,
  received_at DATETIME,
  silo VARCHAR(10)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- quality
-- ---------------------------------------------------------------
CREATE TABLE lab_samples (
  id INT AUTO_INCREMENT PRIMARY KEY,
  sample_code VARCHAR(20) NOT NULL UNIQUE,
  pickup_id INT,
  farm_id INT NOT NULL,
  taken_on DATE,
  received_on DATE,
  lab_ref VARCHAR(30),
  status ENUM('taken','at_lab','resulted','void') DEFAULT 'taken'
) ENGINE=InnoDB;

CREATE TABLE sample_results (
  id INT AUTO_INCREMENT PRIMARY KEY,
  sample_id INT NOT NULL,
  fat_pct DECIMAL(5,3),
  protein_pct DECIMAL(5,3),
  lactose_pct DECIMAL(5,3),
  scc INT,
  tbc INT,
  inhibitor TINYINT(1) DEFAULT 0,
  imported_at DATETIME,
  KEY (sample_id)
) ENGINE=InnoDB;

CREATE TABLE penalty_bands (
  id INT AUTO_INCREMENT PRIMARY KEY,
  measure ENUM('scc','tbc','temp') NOT NULL,
  lower_limit INT,
  upper_limit INT,
  ppl DECIMAL(6,3),
  valid_from DATE
) ENGINE=InnoDB;

CREATE TABLE quality_penalties (
  id INT AUTO_INCREMENT PRIMARY KEY,
  farm_id INT NOT NULL,
  month CHAR(7) NOT NULL,
  measure VARCHAR(10),
  avg_value INT,
  ppl DECIMAL(6,3),
  litres INT,
  amount DECIMAL(10,2),
  waived_by INT,
  waived_reason VARCHAR(255),
  KEY (month)
) ENGINE=InnoDB;

CREATE TABLE inhibitor_incidents (
  id INT AUTO_INCREMENT PRIMARY KEY,
  farm_id INT NOT NULL,
  sample_id INT,
  round_id INT,
  detected DATETIME,
  litres_discarded INT,
  cost DECIMAL(10,2),
  charged TINYINT(1) DEFAULT 0,
  closed DATETIME,
  notes TEXT
) ENGINE=InnoDB;

CREATE TABLE lab_import_log (
  id INT AUTO_INCREMENT PRIMARY KEY,
  filename VARCHAR(120),
  imported_at DATETIME,
  rows_ok INT,
  rows_bad INT,
  errors TEXT
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- payments
-- ---------------------------------------------------------------
CREATE TABLE milk_prices (
  id INT AUTO_INCREMENT PRIMARY KEY,
  month CHAR(7) NOT NULL UNIQUE,
  base_ppl DECIMAL(6,3) NOT NULL,
  fat_ppl DECIMAL(6,3),
  protein_ppl DECIMAL(6,3),
  std_fat DECIMAL(4,2) DEFAULT 4.00,
  std_protein DECIMAL(4,2) DEFAULT 3.30,
  set_by INT,
  set_on DATETIME
) ENGINE=InnoDB;

CREATE TABLE payment_runs (
  id INT AUTO_INCREMENT PRIMARY KEY,
  month CHAR(7) NOT NULL,
  status ENUM('draft','approved','paid','void') DEFAULT 'draft',
  created DATETIME,
  created_by INT,
  approved_by INT,
  paid_on DATE
) ENGINE=InnoDB;

CREATE TABLE payment_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  run_id INT NOT NULL,
  member_id INT NOT NULL,
  litres INT,
  base_amount DECIMAL(12,2),
  composition_adj DECIMAL(12,2),
  quality_adj DECIMAL(12,2),
  deductions DECIMAL(12,2),
  vat DECIMAL(12,2),
  net DECIMAL(12,2),
  KEY (run_id)
) ENGINE=InnoDB;

CREATE TABLE deductions (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  month CHAR(7) NOT NULL,
  kind VARCHAR(20) NOT NULL,
  amount DECIMAL(10,2) NOT NULL,
  ref VARCHAR(40),
  source VARCHAR(20),
  run_id INT,
  KEY (member_id, month)
) ENGINE=InnoDB;

CREATE TABLE advance_payments (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  paid_on DATE,
  amount DECIMAL(10,2),
  recovered DECIMAL(10,2) DEFAULT 0,
  notes VARCHAR(255)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- haulage fleet
-- ---------------------------------------------------------------
CREATE TABLE tankers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  reg_no VARCHAR(10) NOT NULL,
  fleet_no VARCHAR(6),
  capacity_l INT,
  depot VARCHAR(40),
  mot_due DATE,
  status ENUM('available','workshop','off_road','sold') DEFAULT 'available'
) ENGINE=InnoDB;

CREATE TABLE drivers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(80),
  licence_no VARCHAR(20),
  cpc_expiry DATE,
  phone VARCHAR(30),
  depot VARCHAR(40),
  agency TINYINT(1) DEFAULT 0,
  active TINYINT(1) DEFAULT 1
) ENGINE=InnoDB;

CREATE TABLE driver_shifts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  driver_id INT NOT NULL,
  shift_date DATE,
  start_time DATETIME,
  end_time DATETIME,
  hours DECIMAL(4,2),
  tanker_id INT
) ENGINE=InnoDB;

CREATE TABLE vehicle_services (
  id INT AUTO_INCREMENT PRIMARY KEY,
  tanker_id INT NOT NULL,
  service_date DATE,
  odometer INT,
  kind VARCHAR(20),
  cost DECIMAL(10,2),
  notes TEXT
) ENGINE=InnoDB;

CREATE TABLE fuel_log (
  id INT AUTO_INCREMENT PRIMARY KEY,
  tanker_id INT NOT NULL,
  filled_on DATE,
  litres DECIMAL(8,2),
  cost DECIMAL(10,2),
  odometer INT
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- farm supplies shop
-- ---------------------------------------------------------------
CREATE TABLE products (
  id INT AUTO_INCREMENT PRIMARY KEY,
  sku VARCHAR(20) NOT NULL UNIQUE,
  name VARCHAR(120),
  category VARCHAR(30),
  unit VARCHAR(10),
  price DECIMAL(10,2),
  vat_rate DECIMAL(4,2) DEFAULT 0,
  active TINYINT(1) DEFAULT 1
) ENGINE=InnoDB;

CREATE TABLE stock_levels (
  product_id INT NOT NULL,
  depot VARCHAR(40) NOT NULL,
  qty DECIMAL(10,2) DEFAULT 0,
  reorder_level DECIMAL(10,2) DEFAULT 0,
  PRIMARY KEY (product_id, depot)
) ENGINE=InnoDB;

CREATE TABLE stock_movements (
  id INT AUTO_INCREMENT PRIMARY KEY,
  product_id INT NOT NULL,
  depot VARCHAR(40),
  qty DECIMAL(10,2),
  reason VARCHAR(20),
  ref VARCHAR(40),
  moved_at DATETIME
) ENGINE=InnoDB;

CREATE TABLE shop_orders (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  depot VARCHAR(40),
  order_date DATETIME,
  status ENUM('open','complete','cancelled') DEFAULT 'open',
  total DECIMAL(10,2) DEFAULT 0,
  vat DECIMAL(10,2) DEFAULT 0,
  charge_to_milk TINYINT(1) DEFAULT 1
) ENGINE=InnoDB;

CREATE TABLE shop_order_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  order_id INT NOT NULL,
  product_id INT NOT NULL,
  qty DECIMAL(10,2),
  price DECIMAL(10,2),
  vat DECIMAL(10,2)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- sales to processors
-- ---------------------------------------------------------------
CREATE TABLE customers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(120),
  account_code VARCHAR(10),
  address TEXT,
  contact_email VARCHAR(120),
  credit_limit DECIMAL(12,2),
  payment_days INT DEFAULT 30
) ENGINE=InnoDB;

CREATE TABLE sales_contracts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  start_date DATE,
  end_date DATE,
  volume_l_month INT,
  price_ppl DECIMAL(6,3),
  fat_bonus_ppl DECIMAL(6,3),
  status ENUM('draft','active','ended') DEFAULT 'draft'
) ENGINE=InnoDB;

CREATE TABLE processor_deliveries (
  id INT AUTO_INCREMENT PRIMARY KEY,
  contract_id INT NOT NULL,
  intake_id INT,
  delivered_on DATE,
  litres INT,
  fat_pct DECIMAL(5,3),
  protein_pct DECIMAL(5,3),
  invoiced TINYINT(1) DEFAULT 0
) ENGINE=InnoDB;

CREATE TABLE sales_invoices (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  invoice_no VARCHAR(12),
  period CHAR(7),
  total DECIMAL(12,2),
  vat DECIMAL(12,2),
  issued DATE,
  due DATE,
  paid_on DATE
) ENGINE=InnoDB;

CREATE TABLE sales_invoice_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  invoice_id INT NOT NULL,
  delivery_id INT,
  litres INT,
  ppl DECIMAL(6,3),
  amount DECIMAL(12,2)
) ENGINE=InnoDB;

-- ---------------------------------------------------------------
-- staff / users
-- ---------------------------------------------------------------
CREATE TABLE users (
  id INT AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(30) NOT NULL UNIQUE,
  pwhash VARCHAR(80),
  fullname VARCHAR(80),
  email VARCHAR(120),
  role VARCHAR(20) DEFAULT 'clerk',
  active TINYINT(1) DEFAULT 1,
  last_login DATETIME
) ENGINE=InnoDB;

CREATE TABLE sessions (
  session_id CHAR(40) PRIMARY KEY,
  user_id INT,
  started DATETIME,
  expires DATETIME,
  ip VARCHAR(40)
) ENGINE=InnoDB;

CREATE TABLE permissions (
  role VARCHAR(20) NOT NULL,
  perm VARCHAR(30) NOT NULL,
  PRIMARY KEY (role, perm)
) ENGINE=InnoDB;

CREATE TABLE audit_log (
  id INT AUTO_INCREMENT PRIMARY KEY,
  user_id INT,
  at DATETIME,
  action VARCHAR(40),
  detail TEXT
) ENGINE=InnoDB;
