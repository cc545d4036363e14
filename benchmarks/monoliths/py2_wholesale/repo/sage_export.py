#!/usr/bin/env python
"""Daily export to Sage Line 50 (the accountants' system) as an audit-trail import CSV.

Run by Janet from the accounts PC:  python sage_export.py 2012-03-31
Not ported to py3 yet, runs on the old python 2.6 on ACCOUNTS-PC2.
"""
import csv
import sys

import db
from util import fmt_date, parse_date, round_money

NOMINAL_SALES = '4000'
NOMINAL_CARRIAGE = '4905'
NOMINAL_BANK = '1200'
TAX_CODES = {'S': 'T1', 'Z': 'T0', 'E': 'T2'}


def invoice_rows(day):
    rows = []
    for inv in db.query("SELECT i.InvoiceNo, i.InvoiceDate, i.NetAmount, i.TaxAmount, i.FreightAmount, "
                        "c.AccountNo FROM Invoice i JOIN Customer c ON c.CustomerID = i.CustomerID "
                        "WHERE i.InvoiceDate >= ? AND i.InvoiceDate < DATEADD(day, 1, ?)", (day, day)):
        rows.append(['SI', inv.AccountNo, NOMINAL_SALES, fmt_date(inv.InvoiceDate), inv.InvoiceNo,
                     unicode('Invoice %s' % inv.InvoiceNo), round_money(inv.NetAmount), 'T1',
                     round_money(inv.TaxAmount)])
        if inv.FreightAmount:
            rows.append(['SI', inv.AccountNo, NOMINAL_CARRIAGE, fmt_date(inv.InvoiceDate), inv.InvoiceNo,
                         'Carriage', round_money(inv.FreightAmount), 'T1', 0])
    return rows


def credit_note_rows(day):
    rows = []
    for cn in db.query("SELECT n.CreditNoteNo, n.IssueDate, n.TotalAmount, c.AccountNo, "
                       "(SELECT SUM(TaxAmount) FROM CreditNoteLine WHERE CreditNoteID = n.CreditNoteID) AS Tax "
                       "FROM CreditNote n JOIN Customer c ON c.CustomerID = n.CustomerID "
                       "WHERE n.IssueDate >= ? AND n.IssueDate < DATEADD(day, 1, ?)", (day, day)):
        tax = round_money(cn.Tax or 0)
        rows.append(['SC', cn.AccountNo, NOMINAL_SALES, fmt_date(cn.IssueDate), cn.CreditNoteNo,
                     'Credit', round_money(cn.TotalAmount) - tax, 'T1', tax])
    return rows


def receipt_rows(day):
    rows = []
    for p in db.query("SELECT p.PaymentID, p.ReceivedDate, p.Amount, p.Reference, c.AccountNo "
                      "FROM Payment p JOIN Customer c ON c.CustomerID = p.CustomerID "
                      "WHERE p.ReceivedDate >= ? AND p.ReceivedDate < DATEADD(day, 1, ?)", (day, day)):
        rows.append(['SA', p.AccountNo, NOMINAL_BANK, fmt_date(p.ReceivedDate), str(p.PaymentID),
                     (p.Reference or '')[:30], round_money(p.Amount), 'T9', 0])
    return rows


def main(argv):
    day = parse_date(argv[1]) if len(argv) > 1 else None
    if day is None:
        print("usage: sage_export.py YYYY-MM-DD")
        return 1
    out = csv.writer(open('sage_%s.csv' % day.strftime('%Y%m%d'), 'wb'))
    n = 0
    for row in invoice_rows(day) + credit_note_rows(day) + receipt_rows(day):
        out.writerow(row)
        n += 1
    print("%d rows written" % n)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
