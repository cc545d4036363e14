from django.template.loader import render_to_string

from common.utils import format_date, format_money

try:
    from weasyprint import HTML
except ImportError:
    HTML = None


def _invoice_context(invoice):
    lines = []
    for line in invoice.lines.all():
        lines.append({
            "description": line.description,
            "quantity": line.quantity,
            "unit_price": format_money(line.unit_price, invoice.currency),
            "amount": format_money(line.amount, invoice.currency),
            "tax_rate": line.tax_rate,
        })
    return {
        "invoice": invoice,
        "lines": lines,
        "issue_date": format_date(invoice.issue_date),
        "due_date": format_date(invoice.due_date),
        "subtotal": format_money(invoice.subtotal, invoice.currency),
        "tax": format_money(invoice.tax, invoice.currency),
        "total": format_money(invoice.total, invoice.currency),
        "company": invoice.company,
        "location": invoice.location,
    }


def render_invoice_pdf(invoice):
    html = render_to_string("core/invoice_pdf.html", _invoice_context(invoice))
    if HTML is None:
        return html.encode("utf-8")
    return HTML(string=html).write_pdf()
