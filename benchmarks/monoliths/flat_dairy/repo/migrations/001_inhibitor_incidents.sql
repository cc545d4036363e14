-- 2013-09: track antibiotic (inhibitor) failures separately, MD request
CREATE TABLE inhibitor_incidents (
  id INT AUTO_INCREMENT PRIMARY KEY,
  farm_id INT NOT NULL,
  sample_id INT,
  round_id INT,
  detected DATETIME,
  litres_discarded INT,
  cost DECIMAL(10,2),
  closed DATETIME,
  notes TEXT
) ENGINE=InnoDB;

ALTER TABLE sample_results ADD COLUMN inhibitor TINYINT(1) DEFAULT 0 AFTER tbc;
