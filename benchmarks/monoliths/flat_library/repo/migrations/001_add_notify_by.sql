ALTER TABLE members ADD COLUMN notify_by VARCHAR(10) DEFAULT 'email';
