"""Formatting helpers used from templates (registered as jinja filters)."""
import math

from bakery.helpers.money import format_gbp


def format_date(value, fmt="%d %b %Y"):
    if not value:
        return ""
    return value.strftime(fmt)


def format_datetime(value, fmt="%d %b %Y %H:%M"):
    if not value:
        return ""
    return value.strftime(fmt)


def truncate(text, length=60, suffix=u"\u2026"):
    text = text or ""
    if len(text) <= length:
        return text
    return text[: length - 1].rstrip() + suffix


def pluralize(count, singular, plural=None):
    if count == 1:
        return "1 %s" % singular
    return "%s %s" % (count, plural or singular + "s")


def format_qty(value, unit="g"):
    """Show grams as kg once big enough, ml as litres, etc."""
    if value is None:
        return ""
    value = float(value)
    if unit == "g" and abs(value) >= 1000:
        return "%.2f kg" % (value / 1000.0)
    if unit == "ml" and abs(value) >= 1000:
        return "%.2f l" % (value / 1000.0)
    if unit in ("ea", "each", "pcs"):
        return "%d" % value
    return "%g %s" % (value, unit)


class Paginator(object):
    def __init__(self, query, page=1, per_page=50):
        self.query = query
        self.page = max(int(page or 1), 1)
        self.per_page = per_page
        self.total = query.count()

    @property
    def pages(self):
        return max(int(math.ceil(self.total / float(self.per_page))), 1)

    @property
    def items(self):
        return list(self.query.paginate(self.page, self.per_page))

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def has_prev(self):
        return self.page > 1


def format_order_ref(order):
    """WO-<customer code>-<yymmdd>-<id>. Accounts like this format on invoices."""
    code = (order.customer.account_code or "CASH").upper()
    return "WO-%s-%s-%05d" % (code, order.delivery_date.strftime("%y%m%d"), order.id)


def format_receipt_lines(sale):
    """Plain-text receipt body for the till printer (40 cols)."""
    out = []
    for line in sale.lines:
        name = truncate(line.product.name, 26, "")
        out.append("%-26s %2d %10s" % (name, line.quantity, format_gbp(line.line_total)))
    out.append("-" * 40)
    out.append("%-29s %10s" % ("TOTAL", format_gbp(sale.total)))
    if sale.discount:
        out.append("%-29s %10s" % ("of which discount", format_gbp(sale.discount)))
    return "\n".join(out)


def format_batch_code(batch):
    # printed on labels, must match what the HACCP folder expects: SHOP-YYDDD-NN
    return "%s-%s-%02d" % (
        batch.production_site or "CB",
        batch.bake_date.strftime("%y%j"),
        batch.sequence or 0,
    )


JINJA_FILTERS = {
    "date": format_date,
    "datetime": format_datetime,
    "truncate_text": truncate,
    "gbp": format_gbp,
    "qty": format_qty,
}
