CREATE TABLE member_notes (
  id INT AUTO_INCREMENT PRIMARY KEY,
  member_id INT NOT NULL,
  user_id INT,
  note TEXT,
  created DATETIME
) ENGINE=InnoDB;
