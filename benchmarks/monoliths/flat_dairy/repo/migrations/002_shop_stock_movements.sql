-- stock was only a number on stock_levels; auditors want movements
CREATE TABLE stock_movements (
  id INT AUTO_INCREMENT PRIMARY KEY,
  product_id INT NOT NULL,
  depot VARCHAR(40),
  qty DECIMAL(10,2),
  reason VARCHAR(20),
  ref VARCHAR(40),
  moved_at DATETIME
) ENGINE=InnoDB;

ALTER TABLE shop_orders ADD COLUMN depot VARCHAR(40) AFTER member_id;
UPDATE shop_orders SET depot = 'Main' WHERE depot IS NULL;
