"""Raw SQL used across the app.

Convention (mostly followed): UPPER_CASE name, %s placeholders, one statement
per constant. Grouped roughly by area but things got added wherever.
"""

# ---------------------------------------------------------------------------
# members
# ---------------------------------------------------------------------------
MEMBER_BY_ID = """
    SELECT * FROM members WHERE id = %s AND deleted_at IS NULL
"""

MEMBER_BY_EMAIL = """
    SELECT * FROM members WHERE lower(email) = lower(%s) AND deleted_at IS NULL
"""

INSERT_MEMBER = """
    INSERT INTO members (email, password_hash, first_name, last_name, phone, date_of_birth, home_zone_id)
    VALUES (%s, %s, %s, %s, %s, %s, %s)
    RETURNING id
"""

UPDATE_MEMBER_PROFILE = """
    UPDATE members
       SET first_name = %s, last_name = %s, phone = %s, home_zone_id = %s, updated_at = now()
     WHERE id = %s
"""

UPDATE_MEMBER_STATUS = """
    UPDATE members SET status = %s, suspended_reason = %s, updated_at = now() WHERE id = %s
"""

ANONYMISE_MEMBER = """
    UPDATE members
       SET email = 'deleted-' || id || '@invalid', first_name = NULL, last_name = NULL,
           phone = NULL, date_of_birth = NULL, password_hash = NULL,
           status = 'closed', deleted_at = now()
     WHERE id = %s
"""

INSERT_LICENCE = """
    INSERT INTO driving_licences (member_id, licence_number, country, category, issued_on, expires_on)
    VALUES (%s, %s, %s, %s, %s, %s)
    RETURNING id
"""

LATEST_LICENCE_FOR_MEMBER = """
    SELECT * FROM driving_licences WHERE member_id = %s ORDER BY created_at DESC LIMIT 1
"""

LICENCE_BY_ID = "SELECT * FROM driving_licences WHERE id = %s"

UPDATE_LICENCE_STATUS = """
    UPDATE driving_licences
       SET status = %s, points = COALESCE(%s, points), rejection_reason = %s,
           verified_at = CASE WHEN %s = 'verified' THEN now() ELSE verified_at END
     WHERE id = %s
"""

INSERT_LICENCE_CHECK = """
    INSERT INTO licence_checks (licence_id, provider, result, points_reported, raw_response)
    VALUES (%s, %s, %s, %s, %s)
"""

LICENCES_DUE_RECHECK = """
    SELECT l.id, l.member_id, l.licence_number, l.country, m.email
      FROM driving_licences l
      JOIN members m ON m.id = l.member_id
 LEFT JOIN LATERAL (SELECT max(checked_at) AS last_check FROM licence_checks c WHERE c.licence_id = l.id) lc ON TRUE
     WHERE l.status = 'verified'
       AND m.status = 'active'
       AND (lc.last_check IS NULL OR lc.last_check < %s)
"""

LICENCES_EXPIRING = """
    UPDATE driving_licences SET status = 'expired'
     WHERE status = 'verified' AND expires_on < %s
    RETURNING id, member_id
"""

PENDING_VERIFICATION = """
    SELECT m.id AS member_id, m.email, m.first_name, m.last_name, m.created_at,
           l.id AS licence_id, l.licence_number, l.country, l.expires_on
      FROM members m
      JOIN driving_licences l ON l.member_id = m.id
     WHERE m.status = 'pending' AND l.status = 'submitted'
     ORDER BY m.created_at
"""

INSERT_CONSENT = """
    INSERT INTO member_consents (member_id, consent_type, granted, ip_address) VALUES (%s, %s, %s, %s)
"""

LATEST_CONSENTS = """
    SELECT DISTINCT ON (consent_type) consent_type, granted, recorded_at
      FROM member_consents WHERE member_id = %s
     ORDER BY consent_type, recorded_at DESC
"""

INSERT_MEMBER_DOCUMENT = """
    INSERT INTO member_documents (member_id, doc_type, storage_key) VALUES (%s, %s, %s) RETURNING id
"""

MEMBER_DOCUMENTS = "SELECT * FROM member_documents WHERE member_id = %s ORDER BY uploaded_at DESC"

REVIEW_MEMBER_DOCUMENT = """
    UPDATE member_documents SET reviewed_by = %s, reviewed_at = now() WHERE id = %s
"""

# ---------------------------------------------------------------------------
# vehicles / fleet
# ---------------------------------------------------------------------------
VEHICLE_BY_ID = """
    SELECT v.*, vm.make, vm.model, vm.category, vm.fuel_type, vm.seats
      FROM vehicles v JOIN vehicle_models vm ON vm.id = v.model_id
     WHERE v.id = %s
"""

VEHICLE_BY_PLATE = """
    SELECT v.*, vm.make, vm.model, vm.category
      FROM vehicles v JOIN vehicle_models vm ON vm.id = v.model_id
     WHERE v.plate = %s
"""

VEHICLE_BY_TELEMATICS_UNIT = "SELECT id, plate, status FROM vehicles WHERE telematics_unit_id = %s"

LIST_VEHICLES = """
    SELECT v.id, v.plate, v.status, v.odometer_km, v.fuel_level, v.home_zone_id, v.current_zone_id,
           vm.make, vm.model, vm.category
      FROM vehicles v JOIN vehicle_models vm ON vm.id = v.model_id
     WHERE v.status <> 'retired'
     ORDER BY v.plate
"""

INSERT_VEHICLE = """
    INSERT INTO vehicles (model_id, plate, vin, colour, home_zone_id, current_zone_id, telematics_unit_id, commissioned_on)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
    RETURNING id
"""

UPDATE_VEHICLE_STATUS = "UPDATE vehicles SET status = %s WHERE id = %s"

UPDATE_VEHICLE_POSITION = """
    UPDATE vehicles
       SET odometer_km = GREATEST(odometer_km, %s), fuel_level = %s,
           last_lat = %s, last_lng = %s, current_zone_id = COALESCE(%s, current_zone_id)
     WHERE id = %s
"""

RETIRE_VEHICLE = "UPDATE vehicles SET status = 'retired', retired_on = %s WHERE id = %s"

MODEL_BY_ID = "SELECT * FROM vehicle_models WHERE id = %s"

INSERT_MAINTENANCE_JOB = """
    INSERT INTO maintenance_jobs (vehicle_id, job_type, scheduled_for, garage, damage_report_id, notes)
    VALUES (%s, %s, %s, %s, %s, %s)
    RETURNING id
"""

MAINTENANCE_JOB_BY_ID = "SELECT * FROM maintenance_jobs WHERE id = %s"

COMPLETE_MAINTENANCE_JOB = """
    UPDATE maintenance_jobs SET status = 'done', completed_at = now(), cost_pence = %s, notes = COALESCE(%s, notes)
     WHERE id = %s
"""

OPEN_MAINTENANCE_FOR_VEHICLE = """
    SELECT * FROM maintenance_jobs
     WHERE vehicle_id = %s AND status IN ('scheduled', 'in_progress')
     ORDER BY scheduled_for
"""

SERVICE_SCHEDULE_FOR_VEHICLE = "SELECT * FROM service_schedules WHERE vehicle_id = %s"

UPSERT_SERVICE_SCHEDULE = """
    INSERT INTO service_schedules (vehicle_id, last_service_km, last_service_on, next_due_km, next_due_on)
    VALUES (%s, %s, %s, %s, %s)
    ON CONFLICT (vehicle_id) DO UPDATE
       SET last_service_km = EXCLUDED.last_service_km, last_service_on = EXCLUDED.last_service_on,
           next_due_km = EXCLUDED.next_due_km, next_due_on = EXCLUDED.next_due_on
"""

VEHICLES_DUE_SERVICE = """
    SELECT v.id, v.plate, v.odometer_km, s.next_due_km, s.next_due_on
      FROM vehicles v
      JOIN service_schedules s ON s.vehicle_id = v.id
     WHERE v.status NOT IN ('retired', 'maintenance')
       AND (v.odometer_km >= s.next_due_km - %s OR s.next_due_on <= %s)
"""

INSERT_INSPECTION = """
    INSERT INTO vehicle_inspections (vehicle_id, inspector, result, checklist_json, mot_expires_on)
    VALUES (%s, %s, %s, %s, %s)
    RETURNING id
"""

LATEST_INSPECTION = """
    SELECT * FROM vehicle_inspections WHERE vehicle_id = %s ORDER BY inspected_at DESC LIMIT 1
"""

# ---------------------------------------------------------------------------
# reservations
# ---------------------------------------------------------------------------
RESERVATION_BY_ID = "SELECT * FROM reservations WHERE id = %s"

MEMBER_RESERVATIONS = """
    SELECT r.*, v.plate, vm.make, vm.model
      FROM reservations r
      JOIN vehicles v ON v.id = r.vehicle_id
      JOIN vehicle_models vm ON vm.id = v.model_id
     WHERE r.member_id = %s
     ORDER BY r.starts_at DESC
"""

OVERLAPPING_RESERVATIONS = """
    SELECT id FROM reservations
     WHERE vehicle_id = %s
       AND status IN ('pending', 'confirmed', 'active')
       AND starts_at < %s AND ends_at > %s
       AND id <> COALESCE(%s, -1)
"""

INSERT_RESERVATION = """
    INSERT INTO reservations (member_id, vehicle_id, zone_id, tariff_id, starts_at, ends_at, status)
    VALUES (%s, %s, %s, %s, %s, %s, 'confirmed')
    RETURNING id
"""

UPDATE_RESERVATION_STATUS = "UPDATE reservations SET status = %s, updated_at = now() WHERE id = %s"

UPDATE_RESERVATION_END = "UPDATE reservations SET ends_at = %s, updated_at = now() WHERE id = %s"

INSERT_RESERVATION_CANCELLATION = """
    INSERT INTO reservation_cancellations (reservation_id, cancelled_by, reason, fee_pence)
    VALUES (%s, %s, %s, %s)
"""

INSERT_RESERVATION_EXTENSION = """
    INSERT INTO reservation_extensions (reservation_id, old_ends_at, new_ends_at, approved)
    VALUES (%s, %s, %s, %s)
"""

STALE_RESERVATIONS = """
    SELECT id, member_id, vehicle_id, starts_at FROM reservations
     WHERE status = 'confirmed' AND starts_at < %s
"""

UPCOMING_RESERVATIONS_FOR_VEHICLE = """
    SELECT id, member_id, starts_at, ends_at FROM reservations
     WHERE vehicle_id = %s AND status IN ('confirmed', 'pending') AND starts_at >= %s
     ORDER BY starts_at
"""

INSERT_WAITLIST = """
    INSERT INTO waitlist_entries (member_id, zone_id, vehicle_category, wanted_from, wanted_to)
    VALUES (%s, %s, %s, %s, %s) RETURNING id
"""

# ---------------------------------------------------------------------------
# trips
# ---------------------------------------------------------------------------
INSERT_TRIP = """
    INSERT INTO trips (reservation_id, member_id, vehicle_id, started_at, start_odometer_km, start_lat, start_lng)
    VALUES (%s, %s, %s, %s, %s, %s, %s)
    RETURNING id
"""

TRIP_BY_ID = "SELECT * FROM trips WHERE id = %s"

ACTIVE_TRIP_FOR_MEMBER = "SELECT * FROM trips WHERE member_id = %s AND status = 'active'"

ACTIVE_TRIP_FOR_VEHICLE = "SELECT * FROM trips WHERE vehicle_id = %s AND status = 'active'"

END_TRIP = """
    UPDATE trips
       SET ended_at = %s, end_odometer_km = %s, end_lat = %s, end_lng = %s,
           end_zone_id = %s, distance_km = %s, status = 'ended'
     WHERE id = %s
"""

MEMBER_TRIPS = """
    SELECT t.*, v.plate FROM trips t JOIN vehicles v ON v.id = t.vehicle_id
     WHERE t.member_id = %s ORDER BY t.started_at DESC
"""

TRIP_AT_TIME_FOR_VEHICLE = """
    SELECT * FROM trips
     WHERE vehicle_id = %s AND started_at <= %s AND (ended_at IS NULL OR ended_at >= %s)
     ORDER BY started_at DESC LIMIT 1
"""

INSERT_TRIP_EVENT = """
    INSERT INTO trip_events (trip_id, event_type, occurred_at, payload) VALUES (%s, %s, %s, %s)
"""

TRIP_EVENTS = "SELECT * FROM trip_events WHERE trip_id = %s ORDER BY occurred_at"

INSERT_PING = """
    INSERT INTO telematics_pings (vehicle_id, trip_id, recorded_at, lat, lng, speed_kph, odometer_km, fuel_level, ignition_on, raw)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
"""

PINGS_FOR_TRIP = """
    SELECT recorded_at, lat, lng, speed_kph, odometer_km, fuel_level
      FROM telematics_pings WHERE trip_id = %s ORDER BY recorded_at
"""

INSERT_FUEL_LOG = """
    INSERT INTO fuel_logs (trip_id, vehicle_id, member_id, litres, kwh, amount_pence, station, receipt_key)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
    RETURNING id
"""

UNREIMBURSED_FUEL_FOR_TRIP = "SELECT * FROM fuel_logs WHERE trip_id = %s AND reimbursed = FALSE"

MARK_FUEL_REIMBURSED = "UPDATE fuel_logs SET reimbursed = TRUE WHERE id = %s"

# ---------------------------------------------------------------------------
# billing
# ---------------------------------------------------------------------------
INVOICE_BY_ID = "SELECT * FROM invoices WHERE id = %s"

INVOICE_FOR_TRIP = "SELECT * FROM invoices WHERE trip_id = %s AND status <> 'void'"

INVOICE_LINES = "SELECT * FROM invoice_lines WHERE invoice_id = %s ORDER BY id"

NEXT_INVOICE_SEQ = "SELECT nextval('invoices_id_seq')"

INSERT_INVOICE = """
    INSERT INTO invoices (id, member_id, trip_id, number, status, currency)
    VALUES (%s, %s, %s, %s, 'draft', %s)
    RETURNING id
"""

INSERT_INVOICE_LINE = """
    INSERT INTO invoice_lines (invoice_id, line_type, description, quantity, unit_pence, amount_pence)
    VALUES (%s, %s, %s, %s, %s, %s)
"""

UPDATE_INVOICE_TOTALS = """
    UPDATE invoices SET subtotal_pence = %s, vat_pence = %s, total_pence = %s WHERE id = %s
"""

ISSUE_INVOICE = """
    UPDATE invoices SET status = 'open', issued_at = %s, due_at = %s WHERE id = %s AND status = 'draft'
"""

UPDATE_INVOICE_STATUS = "UPDATE invoices SET status = %s WHERE id = %s"

MARK_INVOICE_PAID = "UPDATE invoices SET status = 'paid', paid_at = now() WHERE id = %s"

MEMBER_INVOICES = "SELECT * FROM invoices WHERE member_id = %s ORDER BY id DESC"

OVERDUE_INVOICE_COUNT = """
    SELECT count(*) FROM invoices WHERE member_id = %s AND status = 'overdue'
"""

OPEN_INVOICES_PAST_DUE = """
    SELECT id, member_id, number, total_pence FROM invoices WHERE status = 'open' AND due_at < %s
"""

DRAFT_INVOICES_FOR_MEMBER = """
    SELECT * FROM invoices WHERE member_id = %s AND status = 'draft' AND trip_id IS NULL
     ORDER BY id DESC LIMIT 1
"""

INSERT_PAYMENT = """
    INSERT INTO payments (invoice_id, payment_method_id, amount_pence, status, provider_ref, failure_reason)
    VALUES (%s, %s, %s, %s, %s, %s)
    RETURNING id
"""

PAYMENTS_FOR_INVOICE = "SELECT * FROM payments WHERE invoice_id = %s ORDER BY attempted_at"

UPDATE_PAYMENT_STATUS = "UPDATE payments SET status = %s WHERE id = %s"

DEFAULT_PAYMENT_METHOD = """
    SELECT * FROM payment_methods
     WHERE member_id = %s AND removed_at IS NULL
     ORDER BY is_default DESC, created_at DESC LIMIT 1
"""

INSERT_PAYMENT_METHOD = """
    INSERT INTO payment_methods (member_id, provider, provider_token, card_brand, last4, exp_month, exp_year, is_default)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
    RETURNING id
"""

CLEAR_DEFAULT_PAYMENT_METHOD = "UPDATE payment_methods SET is_default = FALSE WHERE member_id = %s"

REMOVE_PAYMENT_METHOD = "UPDATE payment_methods SET removed_at = now(), is_default = FALSE WHERE id = %s AND member_id = %s"

PROMO_BY_CODE = "SELECT * FROM promo_codes WHERE upper(code) = upper(%s) AND active"

PROMO_REDEMPTIONS_TOTAL = "SELECT count(*) FROM promo_redemptions WHERE promo_code_id = %s"

PROMO_REDEMPTIONS_FOR_MEMBER = "SELECT count(*) FROM promo_redemptions WHERE promo_code_id = %s AND member_id = %s"

INSERT_PROMO_REDEMPTION = """
    INSERT INTO promo_redemptions (promo_code_id, member_id, invoice_id, amount_pence) VALUES (%s, %s, %s, %s)
"""

# ---------------------------------------------------------------------------
# damage, incidents, fines
# ---------------------------------------------------------------------------
INSERT_DAMAGE_REPORT = """
    INSERT INTO damage_reports (vehicle_id, reported_by, trip_id, location_on_vehicle, severity, description)
    VALUES (%s, %s, %s, %s, %s, %s)
    RETURNING id
"""

DAMAGE_REPORT_BY_ID = "SELECT * FROM damage_reports WHERE id = %s"

OPEN_DAMAGE_FOR_VEHICLE = """
    SELECT * FROM damage_reports WHERE vehicle_id = %s AND status NOT IN ('repaired', 'rejected')
     ORDER BY reported_at DESC
"""

INSERT_DAMAGE_PHOTO = """
    INSERT INTO damage_photos (damage_report_id, storage_key, uploaded_by) VALUES (%s, %s, %s)
"""

DAMAGE_PHOTOS = "SELECT * FROM damage_photos WHERE damage_report_id = %s"

UPDATE_DAMAGE_ASSESSMENT = """
    UPDATE damage_reports SET status = %s, assessed_cost_pence = %s, liable_member_id = %s WHERE id = %s
"""

INSERT_INCIDENT = """
    INSERT INTO incidents (vehicle_id, trip_id, member_id, occurred_at, incident_type, police_ref, description)
    VALUES (%s, %s, %s, %s, %s, %s, %s)
    RETURNING id
"""

INCIDENT_BY_ID = "SELECT * FROM incidents WHERE id = %s"

CLOSE_INCIDENT = "UPDATE incidents SET status = 'closed', closed_at = now() WHERE id = %s"

INSERT_CLAIM = """
    INSERT INTO insurance_claims (incident_id, insurer, claim_ref, amount_claimed_pence, excess_pence)
    VALUES (%s, %s, %s, %s, %s)
    RETURNING id
"""

SETTLE_CLAIM = """
    UPDATE insurance_claims SET status = 'settled', amount_settled_pence = %s, settled_at = now() WHERE id = %s
"""

INSERT_FINE = """
    INSERT INTO traffic_fines (vehicle_id, authority, reference, offence, issued_at, amount_pence)
    VALUES (%s, %s, %s, %s, %s, %s)
    ON CONFLICT (authority, reference) DO NOTHING
    RETURNING id
"""

FINE_BY_ID = "SELECT * FROM traffic_fines WHERE id = %s"

ASSIGN_FINE = """
    UPDATE traffic_fines SET trip_id = %s, member_id = %s, admin_fee_pence = %s, status = 'assigned' WHERE id = %s
"""

UPDATE_FINE_STATUS = "UPDATE traffic_fines SET status = %s WHERE id = %s"

UNASSIGNED_FINES = "SELECT * FROM traffic_fines WHERE status = 'received' ORDER BY issued_at"

# ---------------------------------------------------------------------------
# zones (most zone stuff uses carshare.tables now)
# ---------------------------------------------------------------------------
ZONE_OCCUPANCY = """
    SELECT z.id, z.name, z.capacity, count(v.id) AS present
      FROM parking_zones z
 LEFT JOIN vehicles v ON v.current_zone_id = z.id AND v.status IN ('available', 'reserved')
     WHERE z.active
  GROUP BY z.id, z.name, z.capacity
"""

# ---------------------------------------------------------------------------
# support
# ---------------------------------------------------------------------------
TICKETS_FOR_MEMBER = """
    SELECT id, subject, status, opened_at FROM support_tickets WHERE member_id = %s ORDER BY opened_at DESC
"""


def in_clause(values):
    """Returns ('%s, %s, %s', tuple(values)) for building IN (...) lists."""
    values = list(values)
    if not values:
        return "NULL", ()
    return ", ".join(["%s"] * len(values)), tuple(values)


def revenue_report_sql(period="month"):
    if period not in ("day", "week", "month"):
        raise ValueError(period)
    return """
        SELECT date_trunc('%s', i.issued_at) AS period,
               count(*) AS invoices,
               sum(i.subtotal_pence) AS net_pence,
               sum(i.vat_pence) AS vat_pence,
               sum(i.total_pence) AS gross_pence,
               sum(CASE WHEN i.status = 'paid' THEN i.total_pence ELSE 0 END) AS collected_pence
          FROM invoices i
         WHERE i.issued_at BETWEEN %%s AND %%s AND i.status <> 'void'
      GROUP BY 1 ORDER BY 1
    """ % period


def fleet_utilisation_sql(group_by="vehicle"):
    key = {"vehicle": "v.id, v.plate", "category": "vm.category", "zone": "v.home_zone_id"}[group_by]
    return """
        SELECT %s,
               count(DISTINCT t.id) AS trips,
               coalesce(sum(extract(epoch FROM (t.ended_at - t.started_at)) / 3600), 0) AS hours_driven,
               coalesce(sum(t.distance_km), 0) AS km_driven,
               count(DISTINCT r.id) FILTER (WHERE r.status = 'no_show') AS no_shows
          FROM vehicles v
          JOIN vehicle_models vm ON vm.id = v.model_id
     LEFT JOIN trips t ON t.vehicle_id = v.id AND t.started_at BETWEEN %%s AND %%s
     LEFT JOIN reservations r ON r.vehicle_id = v.id AND r.starts_at BETWEEN %%s AND %%s
         WHERE v.status <> 'retired'
      GROUP BY %s
    """ % (key, key)
