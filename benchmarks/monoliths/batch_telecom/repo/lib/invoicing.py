# -*- coding: utf-8 -*-
"""Invoice generation.

A bill run covers one bill cycle for one period. For each account in the
cycle we build a draft invoice with:
  - recurring lines (plan + add-ons, prorated)
  - usage lines (rated_usage not yet billed)
  - one-off charges
  - promotion discounts
then issue it (assign number, due date).
"""
from lib import config, dbutil
from lib.dates import add_days, period_label, prorate_factor, today
from lib.log import get_logger
from lib.money import D, ZERO, round_money
from lib import plans

log = get_logger("invoicing")

SERVICE_LABELS = {"voice": "Calls", "sms": "SMS", "data": "Mobile data"}
UNIT_LABELS = {"voice": "min", "sms": "msg", "data": "MB"}


class BillingError(Exception):
    pass


class BillRun(object):

    def __init__(self, cycle_id, period_start, period_end, is_test=False):
        self.cycle_id = cycle_id
        self.period_start = period_start
        self.period_end = period_end
        self.is_test = is_test
        self.run_id = None
        self.count = 0
        self.total = ZERO

    def start(self):
        running = dbutil.scalar("""
            SELECT id FROM billing_runs WHERE cycle_id = %s AND period_start = %s
               AND status IN ('running', 'done') AND NOT is_test""", (self.cycle_id, self.period_start))
        if running and not self.is_test:
            raise BillingError("cycle %s period %s already has run %s" % (
                self.cycle_id, self.period_start, running))
        self.run_id = dbutil.scalar("""
            INSERT INTO billing_runs (cycle_id, period_start, period_end, is_test)
            VALUES (%s, %s, %s, %s) RETURNING id""",
                                    (self.cycle_id, self.period_start, self.period_end, self.is_test))
        dbutil.commit()
        return self.run_id

    def accounts(self):
        return dbutil.fetchall("""
            SELECT * FROM accounts
             WHERE bill_cycle_id = %s AND (status = 'active'
                   OR (status = 'closed' AND closed_at >= %s))
             ORDER BY id""", (self.cycle_id, self.period_start))

    def add(self, invoice_total):
        self.count += 1
        self.total += invoice_total

    def finish(self, status="done"):
        dbutil.execute("""
            UPDATE billing_runs SET status = %s, finished_at = now(),
                   invoice_count = %s, total_amount = %s WHERE id = %s""",
                       (status, self.count, self.total, self.run_id))
        dbutil.commit()

    def rollback_test_run(self):
        """Test runs are thrown away: delete invoices and un-bill usage."""
        if not self.is_test:
            raise BillingError("refusing to roll back a live run")
        dbutil.execute("UPDATE rated_usage SET billed_run_id = NULL WHERE billed_run_id = %s", (self.run_id,))
        dbutil.execute("UPDATE one_off_charges SET billed_invoice_id = NULL WHERE billed_invoice_id IN (SELECT id FROM invoices WHERE run_id = %s)", (self.run_id,))
        dbutil.execute("DELETE FROM invoices WHERE run_id = %s", (self.run_id,))
        dbutil.commit()


class InvoiceBuilder(object):

    def __init__(self, account, period_start, period_end, run_id=None):
        self.account = account
        self.period_start = period_start
        self.period_end = period_end
        self.run_id = run_id
        self.vat_rate = D(0) if account["vat_exempt"] else dbutil.get_vat_rate(period_end)
        self.lines = []

    def line(self, subscriber_id, line_type, description, quantity, unit_price, amount):
        self.lines.append({
            "subscriber_id": subscriber_id, "line_type": line_type, "description": description,
            "quantity": D(quantity), "unit_price": D(unit_price), "amount": round_money(amount),
            "vat_rate": self.vat_rate,
        })

    def add_recurring(self, sub):
        for desc, fee, start, end in plans.recurring_charges(sub["id"], self.period_start, self.period_end):
            factor = D(prorate_factor(start, end, self.period_start, self.period_end))
            if factor <= 0:
                continue
            label = "%s %s (%s)" % (desc, sub["msisdn"], period_label(self.period_start, self.period_end))
            if factor < 1:
                label += " pro rata"
            self.line(sub["id"], "recurring", label, factor, fee, fee * factor)

    def add_usage(self, sub):
        for u in dbutil.sum_unbilled_usage(sub["id"], self.period_end):
            if D(u["amount"]) == 0 and D(u["units"]) == D(u["free_units"]):
                continue  # fully within bundle, not shown (Marketing request 2020-05)
            desc = "%s %s %s" % (SERVICE_LABELS.get(u["service"], u["service"]),
                                 u["zone_code"].title(), sub["msisdn"])
            chargeable = D(u["units"]) - D(u["free_units"])
            unit_price = D(u["amount"]) / chargeable if chargeable else D(0)
            self.line(sub["id"], "usage", desc, chargeable, unit_price, u["amount"])

    def add_discounts(self, sub):
        pct = plans.promotion_discount(sub["id"], self.period_start)
        if not pct:
            return
        base = sum(l["amount"] for l in self.lines
                   if l["subscriber_id"] == sub["id"] and l["line_type"] == "recurring")
        if base:
            self.line(sub["id"], "discount", "Promotion -%s%%" % pct.normalize(), 1,
                      -base * pct / 100, -base * pct / 100)

    def add_one_offs(self):
        rows = dbutil.fetchall("""
            SELECT * FROM one_off_charges
             WHERE account_id = %s AND billed_invoice_id IS NULL AND charge_date <= %s""",
                               (self.account["id"], self.period_end))
        for r in rows:
            self.line(r["subscriber_id"], "oneoff", r["description"], 1, r["amount"], r["amount"])
        return [r["id"] for r in rows]

    def build(self):
        subs = dbutil.fetchall("""
            SELECT * FROM subscribers WHERE account_id = %s
               AND (terminated_at IS NULL OR terminated_at >= %s) ORDER BY id""",
                               (self.account["id"], self.period_start))
        for sub in subs:
            self.add_recurring(sub)
            self.add_usage(sub)
            self.add_discounts(sub)
        one_off_ids = self.add_one_offs()
        return subs, one_off_ids

    def totals(self):
        net = round_money(sum((l["amount"] for l in self.lines), ZERO))
        vat = round_money(net * self.vat_rate)
        return net, vat, net + vat

    def save(self):
        subs, one_off_ids = self.build()
        if not self.lines:
            return None
        net, vat, total = self.totals()
        min_amount = D(config.get("billing", "min_invoice_amount", "0.50"))
        if 0 <= total < min_amount:
            log.info("account %s total %s below minimum, carried over", self.account["account_no"], total)
            return None
        invoice_id = dbutil.scalar("""
            INSERT INTO invoices (invoice_no, account_id, run_id, period_start, period_end,
                                  issue_date, due_date, net_amount, vat_amount, total_amount)
            VALUES ('DRAFT-' || md5(random()::text), %s, %s, %s, %s, %s, %s, %s, %s, %s)
            RETURNING id""",
                                   (self.account["id"], self.run_id, self.period_start, self.period_end,
                                    today(), due_date_for(today()), net, vat, total))
        dbutil.bulk_insert("invoice_lines",
                           ("invoice_id", "subscriber_id", "line_type", "description",
                            "quantity", "unit_price", "amount", "vat_rate"),
                           [(invoice_id, l["subscriber_id"], l["line_type"], l["description"][:300],
                             l["quantity"], l["unit_price"], l["amount"], l["vat_rate"]) for l in self.lines])
        for sub in subs:
            dbutil.mark_usage_billed(sub["id"], self.period_end, self.run_id)
        if one_off_ids:
            ph, params = dbutil.in_clause(one_off_ids)
            dbutil.execute("UPDATE one_off_charges SET billed_invoice_id = %s WHERE id IN (" + ph + ")",
                           (invoice_id,) + params)
        return invoice_id


def due_date_for(issue_date):
    return add_days(issue_date, int(config.get("billing", "payment_terms_days", "14")))


def issue_invoice(invoice_id):
    """Draft -> issued, real invoice number from the DB sequence."""
    inv = dbutil.get_invoice(invoice_id)
    if inv["status"] != "draft":
        raise BillingError("invoice %s is %s" % (invoice_id, inv["status"]))
    no = dbutil.next_invoice_no()
    dbutil.execute("""
        UPDATE invoices SET invoice_no = %s, status = 'issued', issue_date = current_date,
               due_date = %s WHERE id = %s""", (no, due_date_for(today()), invoice_id))
    return no


def cancel_invoice(invoice_id, user):
    inv = dbutil.get_invoice(invoice_id)
    paid = dbutil.scalar("SELECT COALESCE(SUM(amount), 0) FROM payment_allocations WHERE invoice_id = %s",
                         (invoice_id,))
    if D(paid) > 0:
        raise BillingError("invoice %s has payments allocated, issue a credit note instead" % inv["invoice_no"])
    with dbutil.transaction():
        dbutil.execute("UPDATE invoices SET status = 'cancelled' WHERE id = %s", (invoice_id,))
        dbutil.execute("UPDATE rated_usage SET billed_run_id = NULL WHERE billed_run_id = %s AND subscriber_id IN (SELECT subscriber_id FROM invoice_lines WHERE invoice_id = %s)",
                       (inv["run_id"], invoice_id))
        dbutil.execute("UPDATE one_off_charges SET billed_invoice_id = NULL WHERE billed_invoice_id = %s",
                       (invoice_id,))
    log.info("invoice %s cancelled by %s", inv["invoice_no"], user)


def issue_credit_note(invoice_id, amount, reason, user):
    inv = dbutil.get_invoice(invoice_id)
    amount = round_money(amount)
    already = D(dbutil.scalar("SELECT COALESCE(SUM(amount), 0) FROM credit_notes WHERE invoice_id = %s",
                              (invoice_id,)))
    if amount <= 0 or already + amount > D(inv["total_amount"]):
        raise BillingError("credit %s exceeds invoice %s" % (amount, inv["invoice_no"]))
    credit_no = "CN" + dbutil.next_invoice_no()[3:]
    cn_id = dbutil.scalar("""
        INSERT INTO credit_notes (credit_no, invoice_id, amount, reason, created_by)
        VALUES (%s, %s, %s, %s, %s) RETURNING id""", (credit_no, invoice_id, amount, reason, user))
    if already + amount == D(inv["total_amount"]):
        dbutil.execute("UPDATE invoices SET status = 'paid' WHERE id = %s", (invoice_id,))
    dbutil.commit()
    return cn_id


def add_one_off_charge(account_id, description, amount, subscriber_id=None, charge_date=None):
    return dbutil.scalar("""
        INSERT INTO one_off_charges (account_id, subscriber_id, description, amount, charge_date)
        VALUES (%s, %s, %s, %s, COALESCE(%s, current_date)) RETURNING id""",
                         (account_id, subscriber_id, description, round_money(amount), charge_date))


def invoice_lines(invoice_id):
    return dbutil.fetchall("SELECT * FROM invoice_lines WHERE invoice_id = %s ORDER BY subscriber_id, line_type, id",
                           (invoice_id,))


def invoices_to_send(limit=1000):
    return dbutil.fetchall("""
        SELECT i.*, a.account_no, a.name AS account_name, a.paper_invoice
          FROM invoices i JOIN accounts a ON a.id = i.account_id
         WHERE i.status = 'issued' AND i.sent_at IS NULL
         ORDER BY i.id LIMIT %s""", (limit,))


def mark_sent(invoice_id, pdf_path):
    dbutil.execute("UPDATE invoices SET sent_at = now(), pdf_path = %s WHERE id = %s",
                   (pdf_path, invoice_id), commit_now=True)


def cycles_due(run_date):
    return dbutil.fetchall("SELECT * FROM bill_cycles WHERE active AND cycle_day = %s",
                           (run_date.day,))


def calculate_invoice_total_v1(lines, vat=0.21):
    # old float version. kept because reports/legacy_export.py used it (deleted 2021)
    total = 0.0
    for l in lines:
        total += float(l["amount"])
    return round(total * (1 + vat), 2)
