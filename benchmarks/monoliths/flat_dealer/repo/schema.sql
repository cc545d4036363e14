-- Harrow Motors DMS schema
-- MySQL 5.1 originally, now 5.7. Run with: mysql -u dealer -p dealer < schema.sql
-- NB: keep in sync with the live DB by hand (no migrations tool, sorry) -- PK 2009
SET FOREIGN_KEY_CHECKS=0;

-- ---------------------------------------------------------------
-- staff / payroll
-- ---------------------------------------------------------------
CREATE TABLE employees (
  id INT AUTO_INCREMENT PRIMARY KEY,
  username VARCHAR(40) NOT NULL UNIQUE,
  pw_hash VARCHAR(128) NOT NULL,
  first_name VARCHAR(60),
  last_name VARCHAR(60),
  role VARCHAR(20) NOT NULL,          -- sales, service, parts, fi, manager, admin
  department VARCHAR(20),
  email VARCHAR(120),
  base_salary DECIMAL(10,2) DEFAULT 0,
  hourly_rate DECIMAL(8,2) DEFAULT NULL,
  commission_plan_id INT NULL,
  active TINYINT(1) DEFAULT 1,
  started_on DATE,
  left_on DATE NULL,
  FOREIGN KEY (commission_plan_id) REFERENCES commission_plans(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE commission_plans (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(60) NOT NULL,
  front_pct DECIMAL(5,2) DEFAULT 0,
  back_pct DECIMAL(5,2) DEFAULT 0,
  flat_per_unit DECIMAL(8,2) DEFAULT 0,
  min_per_unit DECIMAL(8,2) DEFAULT 0,
  volume_bonus_threshold INT DEFAULT 0,
  volume_bonus DECIMAL(8,2) DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE commission_entries (
  id INT AUTO_INCREMENT PRIMARY KEY,
  employee_id INT NOT NULL,
  deal_id INT NULL,
  ro_id INT NULL,
  kind VARCHAR(20) NOT NULL,           -- front, back, unit, bonus, chargeback, labour
  amount DECIMAL(10,2) NOT NULL,
  period CHAR(7) NOT NULL,             -- YYYY-MM
  payroll_run_id INT NULL,
  created_at DATETIME,
  FOREIGN KEY (employee_id) REFERENCES employees(id),
  FOREIGN KEY (deal_id) REFERENCES deals(id),
  FOREIGN KEY (ro_id) REFERENCES repair_orders(id),
  FOREIGN KEY (payroll_run_id) REFERENCES payroll_runs(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE payroll_runs (
  id INT AUTO_INCREMENT PRIMARY KEY,
  period CHAR(7) NOT NULL,
  status VARCHAR(12) DEFAULT 'draft',  -- draft, locked, exported
  run_by INT,
  run_at DATETIME,
  FOREIGN KEY (run_by) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE payslips (
  id INT AUTO_INCREMENT PRIMARY KEY,
  payroll_run_id INT NOT NULL,
  employee_id INT NOT NULL,
  gross DECIMAL(10,2),
  commission DECIMAL(10,2),
  deductions DECIMAL(10,2),
  net DECIMAL(10,2),
  FOREIGN KEY (payroll_run_id) REFERENCES payroll_runs(id),
  FOREIGN KEY (employee_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE timesheets (
  id INT AUTO_INCREMENT PRIMARY KEY,
  employee_id INT NOT NULL,
  work_date DATE NOT NULL,
  clock_in DATETIME,
  clock_out DATETIME,
  hours DECIMAL(5,2),
  FOREIGN KEY (employee_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------
-- customers / CRM
-- ---------------------------------------------------------------
CREATE TABLE customers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(10),
  first_name VARCHAR(60),
  last_name VARCHAR(60),
  company VARCHAR(120),
  email VARCHAR(120),
  phone VARCHAR(30),
  mobile VARCHAR(30),
  address1 VARCHAR(120),
  address2 VARCHAR(120),
  town VARCHAR(60),
  postcode VARCHAR(12),
  dob DATE NULL,
  source VARCHAR(30),
  owner_id INT NULL,                   -- salesperson who "owns" the customer
  created_at DATETIME,
  merged_into INT NULL,
  FOREIGN KEY (owner_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE customer_notes (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  author_id INT,
  note TEXT,
  created_at DATETIME,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (author_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE leads (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NULL,
  source VARCHAR(30),                  -- web, phone, walkin, autotrader, referral
  interest_vehicle_id INT NULL,
  status VARCHAR(16) DEFAULT 'new',
  assigned_to INT NULL,
  raw_payload TEXT,
  created_at DATETIME,
  closed_at DATETIME NULL,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (interest_vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (assigned_to) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE lead_activities (
  id INT AUTO_INCREMENT PRIMARY KEY,
  lead_id INT NOT NULL,
  employee_id INT,
  activity VARCHAR(20),                -- call, email, visit, sms
  outcome VARCHAR(200),
  created_at DATETIME,
  FOREIGN KEY (lead_id) REFERENCES leads(id),
  FOREIGN KEY (employee_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE followups (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  employee_id INT,
  due_on DATE,
  reason VARCHAR(60),
  done TINYINT(1) DEFAULT 0,
  done_at DATETIME NULL,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (employee_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE marketing_prefs (
  customer_id INT PRIMARY KEY,
  email_ok TINYINT(1) DEFAULT 0,
  sms_ok TINYINT(1) DEFAULT 0,
  post_ok TINYINT(1) DEFAULT 1,
  phone_ok TINYINT(1) DEFAULT 0,
  updated_at DATETIME,
  FOREIGN KEY (customer_id) REFERENCES customers(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------
-- vehicle inventory
-- ---------------------------------------------------------------
CREATE TABLE stock_locations (
  id INT AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(10) NOT NULL,
  name VARCHAR(60),
  capacity INT DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vehicles (
  id INT AUTO_INCREMENT PRIMARY KEY,
  stock_no VARCHAR(12) NOT NULL UNIQUE,
  vin CHAR(17),
  reg VARCHAR(10),
  make VARCHAR(40),
  model VARCHAR(60),
  derivative VARCHAR(120),
  year SMALLINT,
  colour VARCHAR(40),
  fuel VARCHAR(12),
  mileage INT,
  is_new TINYINT(1) DEFAULT 0,
  status VARCHAR(16) DEFAULT 'in_stock',  -- in_stock, reserved, sold, delivered, transit, recon, disposed
  purchase_price DECIMAL(10,2),
  retail_price DECIMAL(10,2),
  location_id INT,
  arrived_on DATE,
  sold_on DATE NULL,
  source VARCHAR(20),                  -- factory, auction, trade_in, private
  owner_customer_id INT NULL,          -- for customer cars seen in the workshop (yes, same table, 2011)
  FOREIGN KEY (location_id) REFERENCES stock_locations(id),
  FOREIGN KEY (owner_customer_id) REFERENCES customers(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vehicle_options (
  id INT AUTO_INCREMENT PRIMARY KEY,
  vehicle_id INT NOT NULL,
  code VARCHAR(20),
  description VARCHAR(200),
  price DECIMAL(8,2) DEFAULT 0,
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vehicle_photos (
  id INT AUTO_INCREMENT PRIMARY KEY,
  vehicle_id INT NOT NULL,
  filename VARCHAR(200),
  position INT DEFAULT 0,
  uploaded_at DATETIME,
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vehicle_costs (
  id INT AUTO_INCREMENT PRIMARY KEY,
  vehicle_id INT NOT NULL,
  kind VARCHAR(20),                    -- recon, transport, valet, mot, other
  amount DECIMAL(10,2),
  description VARCHAR(200),
  ro_id INT NULL,
  created_at DATETIME,
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (ro_id) REFERENCES repair_orders(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE vehicle_transfers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  vehicle_id INT NOT NULL,
  from_location_id INT,
  to_location_id INT,
  requested_by INT,
  moved_at DATETIME NULL,
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (from_location_id) REFERENCES stock_locations(id),
  FOREIGN KEY (to_location_id) REFERENCES stock_locations(id),
  FOREIGN KEY (requested_by) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE price_changes (
  id INT AUTO_INCREMENT PRIMARY KEY,
  vehicle_id INT NOT NULL,
  old_price DECIMAL(10,2),
  new_price DECIMAL(10,2),
  reason VARCHAR(60),
  changed_by INT NULL,
  changed_at DATETIME,
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------
-- sales: quotes & deals
-- ---------------------------------------------------------------
CREATE TABLE quotes (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  vehicle_id INT NOT NULL,
  salesperson_id INT,
  price DECIMAL(10,2),
  discount DECIMAL(10,2) DEFAULT 0,
  appraisal_id INT NULL,
  status VARCHAR(12) DEFAULT 'open',   -- open, accepted, lost, expired
  valid_until DATE,
  created_at DATETIME,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (salesperson_id) REFERENCES employees(id),
  FOREIGN KEY (appraisal_id) REFERENCES appraisals(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE quote_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  quote_id INT NOT NULL,
  description VARCHAR(200),
  amount DECIMAL(10,2),
  vatable TINYINT(1) DEFAULT 1,
  FOREIGN KEY (quote_id) REFERENCES quotes(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE deals (
  id INT AUTO_INCREMENT PRIMARY KEY,
  deal_no VARCHAR(12) UNIQUE,
  quote_id INT NULL,
  customer_id INT NOT NULL,
  vehicle_id INT NOT NULL,
  salesperson_id INT,
  fi_manager_id INT NULL,
  sale_price DECIMAL(10,2),
  trade_in_id INT NULL,
  finance_app_id INT NULL,
  front_gross DECIMAL(10,2),
  back_gross DECIMAL(10,2) DEFAULT 0,
  status VARCHAR(12) DEFAULT 'pending', -- pending, signed, delivered, unwound
  signed_at DATETIME NULL,
  delivered_at DATETIME NULL,
  FOREIGN KEY (quote_id) REFERENCES quotes(id),
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (salesperson_id) REFERENCES employees(id),
  FOREIGN KEY (fi_manager_id) REFERENCES employees(id),
  FOREIGN KEY (trade_in_id) REFERENCES trade_ins(id),
  FOREIGN KEY (finance_app_id) REFERENCES finance_applications(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE deal_fees (
  id INT AUTO_INCREMENT PRIMARY KEY,
  deal_id INT NOT NULL,
  fee_type VARCHAR(20),                -- rfl, first_reg, delivery, admin, plates
  amount DECIMAL(8,2),
  FOREIGN KEY (deal_id) REFERENCES deals(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE deposits (
  id INT AUTO_INCREMENT PRIMARY KEY,
  deal_id INT NULL,
  quote_id INT NULL,
  amount DECIMAL(10,2),
  method VARCHAR(12),
  taken_by INT,
  taken_at DATETIME,
  refunded TINYINT(1) DEFAULT 0,
  FOREIGN KEY (deal_id) REFERENCES deals(id),
  FOREIGN KEY (quote_id) REFERENCES quotes(id),
  FOREIGN KEY (taken_by) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE test_drives (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  vehicle_id INT NOT NULL,
  salesperson_id INT,
  licence_checked TINYINT(1) DEFAULT 0,
  out_at DATETIME,
  back_at DATETIME NULL,
  miles_out INT,
  miles_back INT NULL,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (salesperson_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------
-- trade-ins / appraisals
-- ---------------------------------------------------------------
CREATE TABLE appraisals (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT,
  reg VARCHAR(10),
  vin CHAR(17),
  make VARCHAR(40),
  model VARCHAR(60),
  year SMALLINT,
  mileage INT,
  appraiser_id INT,
  book_value DECIMAL(10,2),
  recon_estimate DECIMAL(10,2) DEFAULT 0,
  offer DECIMAL(10,2),
  status VARCHAR(12) DEFAULT 'open',   -- open, offered, accepted, declined, expired
  created_at DATETIME,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (appraiser_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE appraisal_damage (
  id INT AUTO_INCREMENT PRIMARY KEY,
  appraisal_id INT NOT NULL,
  panel VARCHAR(30),
  severity TINYINT,
  cost_estimate DECIMAL(8,2),
  FOREIGN KEY (appraisal_id) REFERENCES appraisals(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE trade_ins (
  id INT AUTO_INCREMENT PRIMARY KEY,
  appraisal_id INT NOT NULL,
  allowance DECIMAL(10,2),
  settlement DECIMAL(10,2) DEFAULT 0,  -- outstanding finance to settle
  settlement_lender VARCHAR(60),
  vehicle_id INT NULL,                 -- set when taken into stock
  received_at DATETIME NULL,
  FOREIGN KEY (appraisal_id) REFERENCES appraisals(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE book_values (
  id INT AUTO_INCREMENT PRIMARY KEY,
  reg VARCHAR(10),
  provider VARCHAR(20),                -- cap, glass, autotrader
  trade_value DECIMAL(10,2),
  retail_value DECIMAL(10,2),
  fetched_at DATETIME
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------
-- finance & insurance (F&I)
-- ---------------------------------------------------------------
CREATE TABLE lenders (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(80),
  api_url VARCHAR(200),
  dealer_code VARCHAR(30),
  commission_pct DECIMAL(5,2),
  active TINYINT(1) DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE lender_rates (
  id INT AUTO_INCREMENT PRIMARY KEY,
  lender_id INT NOT NULL,
  product VARCHAR(10),                 -- hp, pcp, lease
  term_months INT,
  apr DECIMAL(5,2),
  valid_from DATE,
  FOREIGN KEY (lender_id) REFERENCES lenders(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE finance_applications (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  vehicle_id INT,
  lender_id INT,
  product VARCHAR(10),
  amount DECIMAL(10,2),
  deposit DECIMAL(10,2),
  term_months INT,
  balloon DECIMAL(10,2) DEFAULT 0,
  apr DECIMAL(5,2),
  status VARCHAR(12) DEFAULT 'draft',  -- draft, submitted, approved, declined, paid_out
  submitted_at DATETIME NULL,
  fi_manager_id INT,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (lender_id) REFERENCES lenders(id),
  FOREIGN KEY (fi_manager_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE finance_decisions (
  id INT AUTO_INCREMENT PRIMARY KEY,
  application_id INT NOT NULL,
  decision VARCHAR(12),
  reference VARCHAR(40),
  conditions TEXT,
  received_at DATETIME,
  FOREIGN KEY (application_id) REFERENCES finance_applications(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE insurance_policies (
  id INT AUTO_INCREMENT PRIMARY KEY,
  deal_id INT NULL,
  customer_id INT NOT NULL,
  vehicle_id INT,
  product VARCHAR(20),                 -- gap, drive_away, tyre_alloy, cosmetic
  insurer VARCHAR(60),
  policy_no VARCHAR(40),
  premium DECIMAL(8,2),
  dealer_commission DECIMAL(8,2),
  starts_on DATE,
  ends_on DATE,
  cancelled TINYINT(1) DEFAULT 0,
  FOREIGN KEY (deal_id) REFERENCES deals(id),
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE warranty_products (
  id INT AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(20),
  name VARCHAR(80),
  months INT,
  max_mileage INT,
  cost DECIMAL(8,2),
  retail DECIMAL(8,2)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE warranty_contracts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  product_id INT NOT NULL,
  deal_id INT NULL,
  customer_id INT NOT NULL,
  vehicle_id INT NOT NULL,
  sold_price DECIMAL(8,2),
  starts_on DATE,
  ends_on DATE,
  status VARCHAR(12) DEFAULT 'active',
  FOREIGN KEY (product_id) REFERENCES warranty_products(id),
  FOREIGN KEY (deal_id) REFERENCES deals(id),
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------
-- service workshop
-- ---------------------------------------------------------------
CREATE TABLE technicians (
  id INT AUTO_INCREMENT PRIMARY KEY,
  employee_id INT NOT NULL,
  grade VARCHAR(10),                   -- apprentice, tech, master
  bay VARCHAR(10),
  FOREIGN KEY (employee_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE labour_rates (
  id INT AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(10),                    -- RETAIL, WARR, INTERNAL, FLEET
  hourly DECIMAL(8,2),
  valid_from DATE
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE service_appointments (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  vehicle_id INT NOT NULL,
  booked_for DATETIME,
  job_summary VARCHAR(200),
  courtesy_car TINYINT(1) DEFAULT 0,
  status VARCHAR(12) DEFAULT 'booked', -- booked, arrived, no_show, cancelled
  ro_id INT NULL,
  created_at DATETIME,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (ro_id) REFERENCES repair_orders(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE repair_orders (
  id INT AUTO_INCREMENT PRIMARY KEY,
  ro_no VARCHAR(12) UNIQUE,
  customer_id INT NULL,
  vehicle_id INT NOT NULL,
  advisor_id INT,
  pay_type VARCHAR(10) DEFAULT 'C',    -- C customer, W warranty, I internal (recon)
  status VARCHAR(12) DEFAULT 'open',   -- open, wip, complete, invoiced, void
  mileage_in INT,
  opened_at DATETIME,
  closed_at DATETIME NULL,
  total DECIMAL(10,2) DEFAULT 0,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (vehicle_id) REFERENCES vehicles(id),
  FOREIGN KEY (advisor_id) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE ro_labour (
  id INT AUTO_INCREMENT PRIMARY KEY,
  ro_id INT NOT NULL,
  technician_id INT,
  op_code VARCHAR(20),
  description VARCHAR(200),
  sold_hours DECIMAL(5,2),
  actual_hours DECIMAL(5,2) DEFAULT 0,
  rate DECIMAL(8,2),
  FOREIGN KEY (ro_id) REFERENCES repair_orders(id),
  FOREIGN KEY (technician_id) REFERENCES technicians(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE ro_parts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  ro_id INT NOT NULL,
  part_id INT NOT NULL,
  qty DECIMAL(8,2),
  unit_price DECIMAL(8,2),
  FOREIGN KEY (ro_id) REFERENCES repair_orders(id),
  FOREIGN KEY (part_id) REFERENCES parts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE warranty_claims (
  id INT AUTO_INCREMENT PRIMARY KEY,
  ro_id INT NOT NULL,
  manufacturer VARCHAR(40),
  claim_no VARCHAR(30),
  amount_claimed DECIMAL(10,2),
  amount_paid DECIMAL(10,2) NULL,
  status VARCHAR(12) DEFAULT 'submitted',
  submitted_at DATETIME,
  FOREIGN KEY (ro_id) REFERENCES repair_orders(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

-- ---------------------------------------------------------------
-- parts department
-- ---------------------------------------------------------------
CREATE TABLE suppliers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(80),
  account_no VARCHAR(30),
  email VARCHAR(120),
  lead_days INT DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE parts (
  id INT AUTO_INCREMENT PRIMARY KEY,
  part_no VARCHAR(30) NOT NULL,
  description VARCHAR(200),
  supplier_id INT,
  cost DECIMAL(8,2),
  retail DECIMAL(8,2),
  bin VARCHAR(12),
  min_qty INT DEFAULT 0,
  max_qty INT DEFAULT 0,
  superseded_by INT NULL,
  FOREIGN KEY (supplier_id) REFERENCES suppliers(id),
  FOREIGN KEY (superseded_by) REFERENCES parts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE part_stock (
  part_id INT PRIMARY KEY,
  qty_on_hand DECIMAL(8,2) DEFAULT 0,
  qty_reserved DECIMAL(8,2) DEFAULT 0,
  qty_on_order DECIMAL(8,2) DEFAULT 0,
  last_counted DATE NULL,
  FOREIGN KEY (part_id) REFERENCES parts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE stock_movements (
  id INT AUTO_INCREMENT PRIMARY KEY,
  part_id INT NOT NULL,
  qty DECIMAL(8,2),
  kind VARCHAR(12),                    -- receipt, issue, return, adjust, sale
  ref VARCHAR(30),                     -- RO number, PO number, counter sale id
  moved_at DATETIME,
  FOREIGN KEY (part_id) REFERENCES parts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE purchase_orders (
  id INT AUTO_INCREMENT PRIMARY KEY,
  po_no VARCHAR(12),
  supplier_id INT NOT NULL,
  status VARCHAR(12) DEFAULT 'draft',  -- draft, sent, part_recv, received, cancelled
  created_at DATETIME,
  sent_at DATETIME NULL,
  FOREIGN KEY (supplier_id) REFERENCES suppliers(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE po_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  po_id INT NOT NULL,
  part_id INT NOT NULL,
  qty DECIMAL(8,2),
  qty_received DECIMAL(8,2) DEFAULT 0,
  cost DECIMAL(8,2),
  FOREIGN KEY (po_id) REFERENCES purchase_orders(id),
  FOREIGN KEY (part_id) REFERENCES parts(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

CREATE TABLE counter_sales (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NULL,
  part_id INT NOT NULL,
  qty DECIMAL(8,2),
  unit_price DECIMAL(8,2),
  sold_by INT,
  sold_at DATETIME,
  FOREIGN KEY (customer_id) REFERENCES customers(id),
  FOREIGN KEY (part_id) REFERENCES parts(id),
  FOREIGN KEY (sold_by) REFERENCES employees(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;

SET FOREIGN_KEY_CHECKS=1;
