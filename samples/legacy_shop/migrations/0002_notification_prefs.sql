-- 2023-05: let customers opt out of shipping mails (GDPR ticket SHOP-412)
CREATE TABLE notification_prefs (
    user_id  integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind     varchar(16) NOT NULL,
    enabled  boolean NOT NULL DEFAULT true,
    PRIMARY KEY (user_id, kind)
);

INSERT INTO notification_prefs (user_id, kind, enabled)
SELECT id, 'newsletter', false FROM users WHERE created_at < '2018-05-25';
