#!/usr/bin/env python
"""Night jobs. crontab on KESTREL-APP01:

    15 1 * * *   kops  python /srv/kops/cron.py nightly
    */10 7-19 * * 1-5  kops  python /srv/kops/cron.py edi
    0 6 * * 1-5  kops  python /srv/kops/cron.py morning
"""
from __future__ import print_function

import datetime
import glob
import logging
import os
import shutil
import sys

import config
import db
import edi
import queries
import util
from util import fmt_money, fmt_date, to_decimal

log = logging.getLogger('kops.cron')


def _lock(name):
    path = os.path.join(config.LOCK_DIR, 'kops_%s.lock' % name)
    if os.path.exists(path):
        age = datetime.datetime.now() - datetime.datetime.fromtimestamp(os.path.getmtime(path))
        if age < datetime.timedelta(hours=6):
            print('%s already running (lock %s)' % (name, path))
            sys.exit(1)
    open(path, 'w').write(str(os.getpid()))
    return path


def _run(job, *args):
    try:
        result = job(*args)
        log.info('%s: %s', job.__name__, result)
        return result
    except Exception:
        util.log_exception(job.__name__)
        db.get_conn().rollback()


# ---------------------------------------------------------------- jobs

def invoice_shipped_orders():
    n = 0
    for row in queries.uninvoiced_shipments():
        inv_id = queries.create_invoice_for_shipment(row.ShipmentID)
        if inv_id:
            n += 1
            edi.export_810(inv_id)
    return n


def email_invoices():
    rows = db.query("SELECT InvoiceID, CustomerID FROM Invoice WHERE Printed = 0")
    import pdfgen
    sent = 0
    for r in rows:
        to = queries.invoice_contact_email(r.CustomerID)
        if not to:
            continue  # goes in the post, accounts print them from the screen
        inv = queries.get_invoice(r.InvoiceID)
        util.send_mail(to, 'Invoice %s from %s' % (inv.InvoiceNo, config.COMPANY_NAME),
                       'Please find attached invoice %s for %s, due %s.' % (
                           inv.InvoiceNo, fmt_money(inv.TotalAmount), fmt_date(inv.DueDate)),
                       [('%s.pdf' % inv.InvoiceNo, pdfgen.invoice_pdf(inv))],
                       sender=config.ACCOUNTS_EMAIL)
        db.execute("UPDATE Invoice SET Printed = 1 WHERE InvoiceID = ?", (r.InvoiceID,))
        sent += 1
    return sent


def send_dunning_letters():
    sent = 0
    for level, days in enumerate(config.DUNNING_DAYS, 1):
        by_customer = {}
        for row in queries.dunning_candidates(level, days):
            by_customer.setdefault(row.CustomerID, []).append(row)
        for customer_id, invoices in by_customer.iteritems():
            to = queries.invoice_contact_email(customer_id)
            if not to:
                continue
            total = sum([to_decimal(i.Outstanding) for i in invoices])
            body = ['Dear customer,', '',
                    'Our records show the following invoices overdue:', '']
            body += ['  %s  due %s  %s' % (i.InvoiceNo, fmt_date(i.DueDate), fmt_money(i.Outstanding))
                     for i in invoices]
            body += ['', 'Total overdue: %s' % fmt_money(total)]
            if level == len(config.DUNNING_DAYS):
                body += ['', 'This is our final reminder. Your account will be placed on stop.']
            util.send_mail(to, 'Overdue account %s (reminder %d)' % (invoices[0].AccountNo, level),
                           '\n'.join(body), sender=config.ACCOUNTS_EMAIL)
            for i in invoices:
                queries.log_dunning_letter(customer_id, i.InvoiceID, level, to)
            sent += 1
    return sent


def stop_overdue_accounts():
    """Customers who had the final letter 7+ days ago and still owe go on stop."""
    rows = db.query("SELECT DISTINCT d.CustomerID FROM DunningLetter d "
                    "JOIN Invoice i ON i.InvoiceID = d.InvoiceID "
                    "JOIN Customer c ON c.CustomerID = d.CustomerID "
                    "WHERE d.LetterLevel = ? AND d.SentAt < DATEADD(day, -7, GETDATE()) "
                    "AND i.Status <> 'PAID' AND c.OnStop = 0", (len(config.DUNNING_DAYS),))
    for r in rows:
        queries.place_credit_hold(r.CustomerID, 'Automatic: final reminder unpaid', 'cron')
    return len(rows)


def credit_review_reminders():
    due = queries.customers_due_review()
    if not due:
        return 0
    lines = ['%-10s %-40s %12s' % (c.AccountNo, c.Name[:40], fmt_money(c.CreditLimit)) for c in due]
    util.send_mail(config.ACCOUNTS_EMAIL, '%d credit reviews due' % len(due), '\n'.join(lines))
    return len(due)


def expire_quotes():
    return db.execute("UPDATE Quote SET Status = 'EXPIRED' WHERE Status = 'OPEN' AND ValidUntil < GETDATE()")


def release_backorders():
    """Allocate stock that arrived today to the oldest backorders first."""
    released = 0
    for bo in queries.open_backorders():
        avail = queries.available_qty(bo.ProductID, bo.WarehouseID)
        if avail < bo.QtyOutstanding:
            continue
        with db.transaction():
            queries.allocate_line(bo.SalesOrderLineID, bo.WarehouseID)
            db.execute("UPDATE Backorder SET ReleasedAt = GETDATE() WHERE BackorderID = ?",
                       (bo.BackorderID,), commit=False)
            db.execute("UPDATE SalesOrder SET Status = 'RELEASED' WHERE SalesOrderID = ? "
                       "AND Status IN ('PART', 'COMPLETE')", (bo.SalesOrderID,), commit=False)
        released += 1
    return released


def email_daily_sales():
    yesterday = util.today() - datetime.timedelta(days=1)
    rows = db.query("SELECT r.FullName, r.Email, COUNT(o.SalesOrderID) AS Orders, "
                    "ISNULL(SUM(o.TotalValue), 0) AS Value FROM SalesRep r "
                    "LEFT JOIN Customer c ON c.SalesRepID = r.SalesRepID "
                    "LEFT JOIN SalesOrder o ON o.CustomerID = c.CustomerID "
                    "AND o.OrderDate >= ? AND o.OrderDate < DATEADD(day, 1, ?) "
                    "AND o.Status <> 'CANCELLED' WHERE r.Active = 1 GROUP BY r.FullName, r.Email",
                    (yesterday, yesterday))
    body = ['Orders entered %s' % fmt_date(yesterday), '']
    for r in rows:
        body.append('%-25s %4d  %12s' % (r.FullName, r.Orders, fmt_money(r.Value)))
    util.send_mail(config.SALES_EMAIL, 'Daily sales %s' % fmt_date(yesterday), '\n'.join(body))
    return len(rows)


def auto_reorder():
    """Draft POs for everything under reorder point, one PO per supplier. Buyers check and send."""
    made = 0
    by_supplier = {}
    for r in queries.reorder_candidates(config.DEFAULT_WAREHOUSE):
        if not r.SupplierID:
            log.warning('%s below reorder point but has no preferred supplier', r.Sku)
            continue
        need = r.ReorderPoint + r.ReorderQty - (r.OnHand - r.Allocated + r.OnOrder)
        qty = util.round_to_pack(max(need, r.ReorderQty), r.PackQty or 1)
        by_supplier.setdefault(r.SupplierID, []).append((r.ProductID, qty, r.Cost))
    for supplier_id, lines in by_supplier.items():
        existing = db.scalar("SELECT TOP 1 PurchaseOrderID FROM PurchaseOrder WHERE SupplierID = ? "
                             "AND Status = 'DRAFT' AND CreatedBy = 'cron'", (supplier_id,))
        po_id = existing or queries.create_po(supplier_id, config.DEFAULT_WAREHOUSE, 'cron',
                                              'Automatic reorder')
        for product_id, qty, cost in lines:
            queries.add_po_line(po_id, product_id, qty, cost)
        made += 1
    return made


def import_supplier_prices():
    n = 0
    for path in glob.glob(os.path.join(config.SUPPLIER_PRICEFILE_DIR, '*', 'prices_*.csv')):
        code = path.split(os.sep)[-2]
        sup = db.query_one("SELECT SupplierID FROM Supplier WHERE Code = ?", (code,))
        if sup is None:
            continue
        updated, unknown = edi.import_supplier_pricefile(sup.SupplierID, path)
        if unknown:
            util.send_mail(config.BUYING_EMAIL, 'Price file %s: %d unknown items' % (code, len(unknown)),
                           '\n'.join(unknown))
        shutil.move(path, path + '.done')
        n += updated
    return n


def expire_promotions():
    return db.execute("UPDATE Promotion SET Active = 0 WHERE Active = 1 AND EndDate < GETDATE()")


def expire_contract_prices():
    # keeps the contract screen short; price_for ignores expired ones anyway
    return db.execute("DELETE FROM ContractPrice WHERE ValidTo < DATEADD(month, -6, GETDATE())")


def check_stock_levels():
    """Allocated should equal the sum of open allocations. It drifts. Fix it and shout."""
    rows = db.query("SELECT s.ProductID, s.WarehouseID, s.Allocated, "
                    "ISNULL((SELECT SUM(l.QtyAllocated) FROM SalesOrderLine l JOIN SalesOrder o "
                    "ON o.SalesOrderID = l.SalesOrderID WHERE l.ProductID = s.ProductID "
                    "AND o.WarehouseID = s.WarehouseID AND o.Status NOT IN ('CANCELLED', 'COMPLETE')), 0) "
                    "AS ShouldBe FROM StockLevel s")
    fixed = 0
    for r in rows:
        if r.Allocated != r.ShouldBe:
            print('allocation drift product %s wh %s: %s -> %s' % (r.ProductID, r.WarehouseID,
                                                                    r.Allocated, r.ShouldBe))
            db.execute("UPDATE StockLevel SET Allocated = ? WHERE ProductID = ? AND WarehouseID = ?",
                       (r.ShouldBe, r.ProductID, r.WarehouseID))
            fixed += 1
    return fixed


def update_tracking():
    rows = db.query("SELECT s.ShipmentID, s.TrackingNo, c.TrackUrl FROM Shipment s "
                    "JOIN Carrier c ON c.CarrierID = s.CarrierID WHERE s.Status = 'SHIPPED' "
                    "AND s.TrackingNo IS NOT NULL AND s.ShippedAt > DATEADD(day, -14, GETDATE())")
    done = 0
    for s in rows:
        status = edi.fetch_tracking(s)
        if status == 'DELIVERED':
            queries.set_tracking(s.ShipmentID, s.TrackingNo, 'DELIVERED')
            done += 1
    return done


def process_edi_inbox():
    ok = 0
    for msg in queries.pending_inbox():
        if msg.DocType != '850':
            queries.mark_inbox(msg.InboxID, 'SKIPPED', 'doc type %s not handled' % msg.DocType)
            continue
        try:
            order_id = edi.import_850(msg)
            queries.mark_inbox(msg.InboxID, 'DONE', order_id=order_id)
            edi.build_855(order_id)
            ok += 1
        except edi.X12Error as e:
            db.get_conn().rollback()
            queries.mark_inbox(msg.InboxID, 'ERROR', str(e))
    return ok


def send_asns():
    rows = db.query("SELECT s.ShipmentID FROM Shipment s JOIN SalesOrder o ON o.SalesOrderID = s.SalesOrderID "
                    "WHERE o.Source = 'EDI' AND s.Status = 'SHIPPED' AND NOT EXISTS (SELECT 1 FROM "
                    "EdiOutbox x WHERE x.DocType = '856' AND x.RefID = s.ShipmentID)")
    return len([r for r in rows if edi.export_856(r.ShipmentID)])


def edi_cycle():
    got = 0
    for p in db.query("SELECT * FROM TradingPartner WHERE Active = 1"):
        got += edi.poll_partner_ftp(p)
    return got, process_edi_inbox(), send_asns(), edi.send_outbox()


def purge_edi_archive():
    return db.execute("DELETE FROM EdiInbox WHERE Status IN ('DONE', 'SKIPPED') "
                      "AND ReceivedAt < DATEADD(month, -18, GETDATE())")


def import_lockbox_files():
    n = 0
    for path in sorted(glob.glob(os.path.join(config.LOCKBOX_DIR, '*.txt'))):
        n += edi.import_lockbox(path)
        shutil.move(path, path + '.done')
    return n


# ---------------------------------------------------------------- entry points

def nightly():
    for job in (invoice_shipped_orders, email_invoices, send_dunning_letters, stop_overdue_accounts,
                expire_quotes, expire_promotions, expire_contract_prices, check_stock_levels,
                release_backorders, auto_reorder, import_supplier_prices, purge_edi_archive):
        _run(job)


def morning():
    for job in (import_lockbox_files, email_daily_sales, update_tracking, credit_review_reminders):
        _run(job)


def main(argv):
    jobs = {'nightly': nightly, 'morning': morning, 'edi': edi_cycle}
    if len(argv) < 2 or not jobs.has_key(argv[1]):
        print('usage: cron.py nightly|morning|edi')
        return 2
    lock = _lock(argv[1])
    try:
        _run(jobs[argv[1]])
    finally:
        os.remove(lock)
        db.close()
    return 0


if __name__ == '__main__':
    logging.basicConfig(filename='/var/log/kops/cron.log', level=logging.INFO)
    sys.exit(main(sys.argv))
