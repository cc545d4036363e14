-- 0013 on-call rota moved out of the shared spreadsheet (finally)
CREATE TABLE on_call_rota (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    staff_id    INTEGER NOT NULL REFERENCES staff(id),
    week_start  DATE NOT NULL,
    backup_id   INTEGER REFERENCES staff(id)
);
