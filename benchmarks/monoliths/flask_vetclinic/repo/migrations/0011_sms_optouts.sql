-- 0011 STOP replies (ICO letter, Nov)
CREATE TABLE contact_optouts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id   INTEGER NOT NULL REFERENCES clients(id),
    channel     VARCHAR(10) NOT NULL,
    reason      VARCHAR(100),
    created_at  TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO contact_optouts (client_id, channel, reason)
    SELECT id, 'all', 'migrated: no_contact flag' FROM clients WHERE account_flag = 'no_contact';
