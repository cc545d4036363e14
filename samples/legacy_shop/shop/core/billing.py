"""Charging, refunds, invoices and the ledger."""
import datetime
import logging

from shop import db
from shop.core.gateway import CardDeclined, GatewayError, PayNowClient
from shop.dao import PaymentDAO, RefundDAO
from shop.utils import format_money, get_config, to_decimal

log = logging.getLogger(__name__)

payments = PaymentDAO()
refunds = RefundDAO()

INVOICE_PREFIX = "INV"
LEDGER_ACCOUNTS = {"sales": 706, "vat": 44571, "bank": 512, "refunds": 709}

_client = None


def client():
    global _client
    if _client is None:
        if get_config("PAYNOW_SANDBOX"):
            from shop.core.gateway import SandboxClient
            _client = SandboxClient()
        else:
            _client = PayNowClient()
    return _client


def charge_order(order_id, amount, token, method="card"):
    payment_id = payments.create(order_id, amount, method)
    try:
        auth = client().authorize(amount, "EUR", token, "order-%s" % order_id)
        cap = client().capture(auth["id"])
    except CardDeclined as e:
        payments.mark(payment_id, "declined", raw=e.response)
        raise
    except GatewayError as e:
        payments.mark(payment_id, "failed", raw=e.response)
        raise
    payments.mark(payment_id, "captured", provider_ref=cap["id"], raw=cap)
    post_ledger(order_id, amount, "sale")
    create_invoice(order_id)
    return payment_id


def refund_order(order_id, amount=None, reason=""):
    done = []
    for p in payments.for_order(order_id):
        if p["status"] != "captured":
            continue
        value = to_decimal(amount) if amount is not None else to_decimal(p["amount"])
        refund_id = refunds.create(p["id"], value, reason)
        try:
            client().refund(p["provider_ref"], value, reason)
        except GatewayError as e:
            log.error("refund %s failed: %s", refund_id, e)
            db.execute("UPDATE refunds SET status = 'failed' WHERE id = %s", (refund_id,))
            continue
        db.execute("UPDATE refunds SET status = 'done', done_at = now() WHERE id = %s",
                   (refund_id,))
        post_ledger(order_id, -value, "refund")
        done.append(refund_id)
    return done


def post_ledger(order_id, amount, kind):
    amount = to_decimal(amount)
    vat = (amount - amount / to_decimal("1.20")).quantize(to_decimal("0.01"))
    rows = [
        (order_id, LEDGER_ACCOUNTS["bank"], amount, 0, kind),
        (order_id, LEDGER_ACCOUNTS["sales" if kind == "sale" else "refunds"], 0, amount - vat,
         kind),
        (order_id, LEDGER_ACCOUNTS["vat"], 0, vat, kind),
    ]
    db.execute_many(
        "INSERT INTO ledger_entries (order_id, account, debit, credit, kind, posted_at) "
        "VALUES (%s, %s, %s, %s, %s, now())",
        rows,
    )


def next_invoice_number():
    year = datetime.date.today().year
    row = db.query_one(
        "SELECT number FROM invoices WHERE number LIKE %s ORDER BY number DESC LIMIT 1 FOR UPDATE",
        ("%s-%d-%%" % (INVOICE_PREFIX, year),),
    )
    seq = int(row["number"].rsplit("-", 1)[1]) + 1 if row else 1
    return "%s-%d-%06d" % (INVOICE_PREFIX, year, seq)


def create_invoice(order_id):
    order = db.query_one("SELECT id, user_id, total, currency FROM orders WHERE id = %s",
                         (order_id,))
    number = next_invoice_number()
    db.execute(
        "INSERT INTO invoices (number, order_id, user_id, amount, currency, issued_at) "
        "VALUES (%s, %s, %s, %s, %s, now())",
        (number, order_id, order["user_id"], order["total"], order["currency"]),
    )
    return number


def invoice_text(number):
    inv = db.query_one(
        "SELECT i.*, u.first_name, u.last_name, u.email FROM invoices i "
        "JOIN users u ON u.id = i.user_id WHERE i.number = %s",
        (number,),
    )
    lines = db.query(
        "SELECT p.name, oi.quantity, oi.unit_price FROM order_items oi "
        "JOIN products p ON p.id = oi.product_id WHERE oi.order_id = %s",
        (inv["order_id"],),
    )
    out = ["%s  %s" % (get_config("COMPANY_NAME", "Shop SAS"), inv["number"]),
           "%s %s <%s>" % (inv["first_name"], inv["last_name"], inv["email"]), ""]
    for l in lines:
        out.append("%-40s %3d x %s" % (l["name"][:40], l["quantity"],
                                      format_money(l["unit_price"], inv["currency"])))
    out.append("")
    out.append("TOTAL %s" % format_money(inv["amount"], inv["currency"]))
    return "\n".join(out)


def payments_for(order_id):
    return payments.for_order(order_id)


def handle_webhook(body, signature):
    import json
    if not client().verify_webhook(body, signature):
        raise GatewayError("bad signature")
    event = json.loads(body)
    payment = payments.by_provider_ref(event["data"]["id"])
    if payment is None:
        log.info("webhook for unknown payment %s", event["data"]["id"])
        return False
    if event["type"] == "charge.disputed":
        payments.mark(payment["id"], "disputed", raw=event)
    elif event["type"] == "charge.refunded":
        payments.mark(payment["id"], "refunded", raw=event)
    return True


def saved_methods(user_id):
    return db.query(
        "SELECT id, brand, last4, exp_month, exp_year FROM payment_methods "
        "WHERE user_id = %s AND NOT deleted ORDER BY is_default DESC",
        (user_id,),
    )


def reconcile(day=None):
    """Compare the ledger with captured payments. Ran by hand by accounting."""
    day = day or datetime.date.today() - datetime.timedelta(days=1)
    ledger = db.query_value(
        "SELECT COALESCE(SUM(debit), 0) FROM ledger_entries WHERE posted_at::date = %s "
        "AND account = %s",
        (day, LEDGER_ACCOUNTS["bank"]),
    )
    captured = db.query_value(
        "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE status = 'captured' "
        "AND updated_at::date = '%s'" % day.isoformat()
    )
    return {"day": day, "ledger": ledger, "captured": captured, "diff": ledger - captured}
