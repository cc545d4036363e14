"""
Shared SQL.  The idea (2012) was that all SQL would live here.  That idea
lasted about three months.  Some of these are still used.
"""

SQL_GET_PATIENT = """
    SELECT p.*, a.line1, a.line2, a.city, a.state, a.zip
      FROM patients p
      LEFT JOIN patient_addresses a ON a.patient_id = p.id AND a.is_primary = 1
     WHERE p.id = %s
"""

SQL_PATIENT_ALLERGIES = "SELECT * FROM patient_allergies WHERE patient_id = %s ORDER BY recorded_at"

SQL_RX_WITH_ITEMS = """
    SELECT rx.id AS rx_id, rx.rx_number, rx.status AS rx_status, rx.patient_id,
           rx.prescriber_id, rx.written_date,
           pi.id AS item_id, pi.product_id, pi.sig, pi.quantity, pi.days_supply,
           pi.refills_authorized, pi.refills_used, pi.status AS item_status,
           pr.name AS product_name, pr.strength, pr.ndc
      FROM prescriptions rx
      JOIN prescription_items pi ON pi.prescription_id = rx.id
      JOIN products pr ON pr.id = pi.product_id
     WHERE rx.id = %s
"""

SQL_STOCK_FOR_PRODUCT = """
    SELECT on_hand, allocated, min_level, max_level, bin_location
      FROM stock_levels
     WHERE product_id = %s AND branch_id = %s
"""

SQL_FEFO_BATCHES = """
    SELECT id, lot_number, expiry_date, qty_remaining
      FROM stock_batches
     WHERE product_id = %s AND branch_id = %s AND status = 'OK'
       AND qty_remaining > 0 AND expiry_date > CURDATE()
     ORDER BY expiry_date ASC, id ASC
"""

SQL_INSERT_MOVEMENT = """
    INSERT INTO stock_movements (product_id, branch_id, batch_id, qty, movement_type,
                                 ref_type, ref_id, staff_id, note, created_at)
    VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, NOW())
"""

SQL_OPEN_CLAIMS = """
    SELECT c.*, pc.member_id, ip.plan_code, i.bin, i.pcn
      FROM claims c
      JOIN patient_coverage pc ON pc.id = c.coverage_id
      JOIN insurance_plans ip ON ip.id = pc.plan_id
      JOIN insurers i ON i.id = ip.insurer_id
     WHERE c.status IN ('NEW', 'REJECTED') AND c.attempts < %s
"""

SQL_ACTIVE_COVERAGE = """
    SELECT pc.*, ip.plan_name, ip.copay_generic, ip.copay_brand, ip.requires_pa,
           i.name AS insurer_name, i.bin, i.pcn
      FROM patient_coverage pc
      JOIN insurance_plans ip ON ip.id = pc.plan_id
      JOIN insurers i ON i.id = ip.insurer_id
     WHERE pc.patient_id = %s AND pc.active = 1
       AND (pc.effective_to IS NULL OR pc.effective_to >= CURDATE())
     ORDER BY pc.priority
"""

SQL_MEMBER_BY_PATIENT = "SELECT * FROM loyalty_members WHERE patient_id = %s AND status = 'ACTIVE'"

SQL_INSERT_POINTS = """
    INSERT INTO points_ledger (member_id, points, reason, ref_type, ref_id, created_at, expires_at)
    VALUES (%s, %s, %s, %s, %s, NOW(), %s)
"""

SQL_OPEN_SUPPLIER_ORDERS = """
    SELECT o.*, s.name AS supplier_name
      FROM orders o JOIN suppliers s ON s.id = o.supplier_id
     WHERE o.status IN ('SUBMITTED', 'ACKED', 'PARTIAL')
"""

SQL_STAFF_BY_USERNAME = "SELECT * FROM staff WHERE username = %s AND active = 1"

_ALL = dict((k, v) for k, v in globals().items() if k.startswith('SQL_'))


def get_query(name):
    return _ALL[name]
