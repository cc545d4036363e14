-- invoices used to be a single total per month; split per delivery
CREATE TABLE sales_invoice_lines (
  id INT AUTO_INCREMENT PRIMARY KEY,
  invoice_id INT NOT NULL,
  delivery_id INT,
  litres INT,
  ppl DECIMAL(6,3),
  amount DECIMAL(12,2)
) ENGINE=InnoDB;

ALTER TABLE processor_deliveries ADD COLUMN invoiced TINYINT(1) DEFAULT 0;
ALTER TABLE sales_invoices ADD COLUMN due DATE AFTER issued;
