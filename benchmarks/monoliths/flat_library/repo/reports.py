# Management reports.  Each report returns a list of dicts; app.report_view renders them.
import db
import utils


def to_csv(rows):
    if not rows:
        return ""
    keys = list(rows[0].keys())
    out = [",".join(keys)]
    for r in rows:
        out.append(",".join(utils.csv_escape(r[k]) for k in keys))
    return "\n".join(out)


def loans_by_branch(start=None, end=None, **kw):
    start = utils.parse_date(start) or utils.add_days(utils.today(), -30)
    end = utils.parse_date(end) or utils.today()
    return db.query_all("SELECT b.name AS branch, count(l.id) AS loans, count(DISTINCT l.member_id) AS borrowers "
                        "FROM loans l JOIN branches b ON b.id = l.branch_id "
                        "WHERE l.issued_at::date BETWEEN %s AND %s GROUP BY b.name ORDER BY b.name", (start, end))


def overdue_report(branch_id=None, **kw):
    sql = ("SELECT m.last_name, m.first_name, lc.barcode AS card, c.barcode AS item, t.title, l.due_date "
           "FROM loans l JOIN members m ON m.id = l.member_id "
           "JOIN library_cards lc ON lc.member_id = m.id AND lc.status = 'active' "
           "JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id "
           "WHERE l.returned_at IS NULL AND l.due_date < current_date")
    if branch_id:
        return db.query_all(sql + " AND l.branch_id = %s ORDER BY l.due_date", (int(branch_id),))
    return db.query_all(sql + " ORDER BY l.due_date")


def fines_income(start=None, end=None, **kw):
    start = utils.parse_date(start) or utils.add_days(utils.today(), -30)
    end = utils.parse_date(end) or utils.today()
    return db.query_all("SELECT b.name AS branch, p.method, sum(p.amount) AS total, count(*) AS n "
                        "FROM payments p JOIN branches b ON b.id = p.branch_id "
                        "WHERE NOT p.refunded AND p.paid_at::date BETWEEN %s AND %s "
                        "GROUP BY b.name, p.method ORDER BY b.name", (start, end))


def outstanding_debt(**kw):
    return db.query_all("SELECT m.id, m.last_name, m.first_name, sum(f.balance) AS owed, min(f.created_at) AS oldest "
                        "FROM fines f JOIN members m ON m.id = f.member_id WHERE f.balance > 0 "
                        "GROUP BY m.id HAVING sum(f.balance) > 20 ORDER BY owed DESC")


def active_members(**kw):
    return db.query_all("SELECT c.code AS category, b.name AS branch, count(*) AS members FROM members m "
                        "JOIN member_categories c ON c.id = m.category_id JOIN branches b ON b.id = m.home_branch_id "
                        "WHERE m.status = 'active' GROUP BY c.code, b.name ORDER BY b.name, c.code")


def dormant_stock(months=24, **kw):
    return db.query_all("SELECT c.barcode, t.title, b.name AS branch, max(l.issued_at) AS last_loan "
                        "FROM copies c JOIN titles t ON t.id = c.title_id JOIN branches b ON b.id = c.branch_id "
                        "LEFT JOIN loans l ON l.copy_id = c.id WHERE c.status = 'available' "
                        "GROUP BY c.barcode, t.title, b.name "
                        "HAVING max(l.issued_at) IS NULL OR max(l.issued_at) < now() - (%s || ' months')::interval",
                        (int(months),))


def holds_ratio(ratio=3, **kw):
    # titles where holds:copies is high -> buy more
    return db.query_all("SELECT t.id, t.title, count(DISTINCT h.id) AS holds, count(DISTINCT c.id) AS copies "
                        "FROM titles t JOIN holds h ON h.title_id = t.id AND h.status = 'waiting' "
                        "LEFT JOIN copies c ON c.title_id = t.id AND c.status NOT IN ('lost', 'withdrawn') "
                        "GROUP BY t.id HAVING count(DISTINCT h.id) > %s * greatest(count(DISTINCT c.id), 1)",
                        (int(ratio),))


def transfer_volumes(**kw):
    return db.query_all("SELECT fb.name AS from_branch, tb.name AS to_branch, count(*) AS items, "
                        "avg(tr.completed_at - tr.requested_at) AS avg_time FROM transfer_requests tr "
                        "JOIN branches fb ON fb.id = tr.from_branch_id JOIN branches tb ON tb.id = tr.to_branch_id "
                        "WHERE tr.requested_at > now() - interval '90 days' GROUP BY fb.name, tb.name")


def room_utilisation(**kw):
    return db.query_all("SELECT r.name, b.name AS branch, count(rb.id) AS bookings, "
                        "sum(extract(epoch FROM rb.ends_at - rb.starts_at) / 3600) AS hours, sum(rb.charge) AS income "
                        "FROM rooms r JOIN branches b ON b.id = r.branch_id LEFT JOIN room_bookings rb "
                        "ON rb.room_id = r.id AND rb.status = 'confirmed' GROUP BY r.name, b.name")


def event_attendance(**kw):
    return db.query_all("SELECT e.title, e.starts_at, e.capacity, count(r.id) FILTER (WHERE r.attended) AS attended, "
                        "count(r.id) FILTER (WHERE r.waitlisted) AS waitlist FROM events e "
                        "LEFT JOIN event_registrations r ON r.event_id = e.id "
                        "WHERE e.starts_at < now() GROUP BY e.id ORDER BY e.starts_at DESC LIMIT 200")


def budget_position(year=None, **kw):
    return db.query_all("SELECT fund_code, b.name AS branch, allocated, committed, spent, "
                        "allocated - committed - spent AS free FROM budgets bu LEFT JOIN branches b ON b.id = bu.branch_id "
                        "WHERE fiscal_year = %s ORDER BY fund_code", (utils.to_int(year) or utils.today().year,))


def supplier_spend(**kw):
    return db.query_all("SELECT s.name, count(DISTINCT po.id) AS orders, sum(si.amount) AS invoiced "
                        "FROM suppliers s LEFT JOIN purchase_orders po ON po.supplier_id = s.id "
                        "LEFT JOIN supplier_invoices si ON si.po_id = po.id GROUP BY s.name ORDER BY invoiced DESC")


def monthly_kpis(**kw):
    """The 'CIPFA return' numbers: loans, visits(approx), members, events."""
    loans = db.query_one("SELECT count(*) AS n FROM loans WHERE issued_at > date_trunc('month', now())")
    joins = db.query_one("SELECT count(*) AS n FROM members WHERE joined_on >= date_trunc('month', now())")
    evs = db.query_one("SELECT count(*) AS n FROM event_registrations WHERE registered_at > date_trunc('month', now())")
    income = db.query_one("SELECT coalesce(sum(amount), 0) AS n FROM payments WHERE paid_at > date_trunc('month', now())")
    return [{"loans": loans["n"], "new_members": joins["n"], "event_regs": evs["n"], "income": income["n"]}]


REPORTS = {
    "loans_by_branch": loans_by_branch,
    "overdue": overdue_report,
    "fines_income": fines_income,
    "debt": outstanding_debt,
    "members": active_members,
    "dormant": dormant_stock,
    "holds_ratio": holds_ratio,
    "transfers": transfer_volumes,
    "rooms": room_utilisation,
    "events": event_attendance,
    "budget": budget_position,
    "suppliers": supplier_spend,
    "kpis": monthly_kpis,
}
