"""Finance reports for the income team."""
from db import query_all
from reports import register
from utils import format_money


@register('income', 'Income by source and cost centre')
def income_by_source(d1, d2):
    rows = query_all(
        """SELECT COALESCE(l.cost_centre, 'LS000') AS cost_centre, COALESCE(l.source_type, 'other') AS source,
                  sum(l.unit_pence * l.qty) AS gross_pence, count(DISTINCT i.id) AS invoices
           FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
           WHERE i.issued_on BETWEEN %s AND %s AND i.status <> 'void'
           GROUP BY 1, 2 ORDER BY 1, 2""", (d1, d2))
    for r in rows:
        r['gross'] = format_money(r['gross_pence'])
    return {'columns': ['cost_centre', 'source', 'invoices', 'gross'], 'rows': rows}


@register('aged_debt', 'Aged debt')
def aged_debt(d1, d2):
    rows = query_all(
        """SELECT i.number, c.last_name, c.email, i.due_on, i.total_pence,
                  i.total_pence - COALESCE((SELECT sum(amount_pence) FROM payments p WHERE p.invoice_id = i.id), 0)
                    - COALESCE((SELECT sum(amount_pence) FROM credit_notes n WHERE n.invoice_id = i.id), 0) AS balance,
                  CURRENT_DATE - i.due_on AS days_over
           FROM invoices i JOIN customers c ON c.id = i.customer_id
           WHERE i.status IN ('issued', 'part') AND i.due_on < %s
           ORDER BY days_over DESC""", (d2,))
    for r in rows:
        d = r['days_over']
        r['band'] = '0-30' if d <= 30 else '31-60' if d <= 60 else '61-90' if d <= 90 else '90+'
    return {'columns': ['number', 'last_name', 'email', 'due_on', 'balance', 'band'], 'rows': rows}


@register('refunds', 'Refunds issued')
def refunds_report(d1, d2):
    rows = query_all(
        """SELECT r.processed_at, i.number, r.amount_pence, r.reason, p.method
           FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN invoices i ON i.id = p.invoice_id
           WHERE r.processed_at::date BETWEEN %s AND %s ORDER BY r.processed_at""", (d1, d2))
    return {'columns': ['processed_at', 'number', 'amount_pence', 'method', 'reason'], 'rows': rows}


@register('vat', 'VAT summary')
def vat_summary(d1, d2):
    rows = query_all(
        """SELECT l.vat_code, sum(l.unit_pence * l.qty) AS gross_pence
           FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
           WHERE i.issued_on BETWEEN %s AND %s AND i.status <> 'void'
           GROUP BY l.vat_code ORDER BY l.vat_code""", (d1, d2))
    return {'columns': ['vat_code', 'gross_pence'], 'rows': rows}


@register('dd_batches', 'Direct debit batches')
def dd_batches_report(d1, d2):
    rows = query_all('SELECT * FROM dd_batches WHERE run_date BETWEEN %s AND %s ORDER BY run_date', (d1, d2))
    return {'columns': ['id', 'run_date', 'status', 'line_count', 'total_pence', 'file_name'], 'rows': rows}
