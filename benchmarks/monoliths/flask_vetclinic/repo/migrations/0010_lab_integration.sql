-- 0010 lablink integration. lab_orders existed as a notes field on visits before this.
CREATE TABLE lab_orders (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    visit_id        INTEGER NOT NULL REFERENCES visits(id),
    panel           VARCHAR(40) NOT NULL,
    external_ref    VARCHAR(60),
    status          VARCHAR(20) DEFAULT 'ordered',
    ordered_at      TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE lab_results (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    lab_order_id    INTEGER NOT NULL REFERENCES lab_orders(id),
    analyte         VARCHAR(40) NOT NULL,
    value           VARCHAR(40),
    units           VARCHAR(20),
    ref_range       VARCHAR(40),
    flag            CHAR(1),
    received_at     TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
