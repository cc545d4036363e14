-- 005: reporting views, password reset tokens, indexes for the ETM import
CREATE TABLE password_resets (
    id              SERIAL PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id),
    token           VARCHAR(64) NOT NULL UNIQUE,
    expires_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP
);

CREATE INDEX ix_ticket_sales_sold_at ON ticket_sales (sold_at);
CREATE INDEX ix_ticket_sales_route ON ticket_sales (route_id, sold_at);
CREATE INDEX ix_concession_council ON concession_journeys (council_code, travelled_at);
CREATE INDEX ix_roster_date ON roster_assignments (work_date);
CREATE INDEX ix_complaints_status ON complaints (status, due_date);

CREATE OR REPLACE VIEW v_daily_revenue AS
    SELECT date(s.sold_at) AS sale_date, s.route_id, r.service_no,
           sum(s.price_pence) AS revenue_pence, sum(s.passengers) AS passengers
      FROM ticket_sales s LEFT JOIN routes r ON r.id = s.route_id
     GROUP BY date(s.sold_at), s.route_id, r.service_no;

CREATE OR REPLACE VIEW v_vehicle_availability AS
    SELECT v.id, v.fleet_no, v.registration, v.vehicle_type, v.depot_id, v.status,
           (SELECT count(*) FROM defects d WHERE d.vehicle_id = v.id AND d.status = 'open'
                AND d.severity IN ('major', 'dangerous')) AS serious_defects,
           (SELECT min(i.due_date) FROM inspections i WHERE i.vehicle_id = v.id AND i.done_date IS NULL) AS next_inspection
      FROM vehicles v WHERE v.status <> 'sold';

CREATE OR REPLACE VIEW v_driver_week_hours AS
    SELECT ra.driver_id, date_trunc('week', ra.work_date)::date AS week_start,
           sum(coalesce(d.paid_minutes, 0) + coalesce(ra.overtime_minutes, 0)) AS paid_minutes
      FROM roster_assignments ra JOIN duties d ON d.id = ra.duty_id
     WHERE ra.status IN ('planned', 'worked')
     GROUP BY ra.driver_id, date_trunc('week', ra.work_date);
