-- 0007 waiting list (Sam, reception)
CREATE TABLE waitlist (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pet_id          INTEGER NOT NULL REFERENCES pets(id),
    type_id         INTEGER REFERENCES appointment_types(id),
    preferred_vet   INTEGER REFERENCES staff(id),
    earliest        DATE,
    notes           VARCHAR(250),
    filled_appt_id  INTEGER REFERENCES appointments(id),
    created_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
