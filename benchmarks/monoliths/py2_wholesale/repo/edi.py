# -*- coding: utf-8 -*-
"""Talking to the outside world: X12 with the big customers, supplier files,
the bank's lockbox file, carrier tracking.

X12 notes: we only do 850 in, 855/856/810 out, 997 acks both ways. Element separator '*',
segment terminator '~' (Greenvale send a newline after it, Harcourts don't).
"""
import csv
import datetime
import ftplib
import logging
import os
import re

try:
    import urllib2
except ImportError:  # py3
    import urllib.request as urllib2

try:
    from StringIO import StringIO
except ImportError:
    from io import StringIO

import config
import db
import queries
import util
from util import to_decimal, round_money, fmt_date

log = logging.getLogger('kops.edi')


class X12Error(Exception):
    pass


# ---------------------------------------------------------------- plumbing

def _ftp(host, user, password):
    ftp = ftplib.FTP(host, timeout=60)
    ftp.login(user, password)
    ftp.set_pasv(True)
    return ftp


def split_segments(raw):
    raw = raw.replace('\r', '').replace('\n', '')
    if len(raw) < 106 or not raw.startswith('ISA'):
        raise X12Error('not an interchange')
    elem = raw[3]
    term = raw[105]
    return [seg.split(elem) for seg in raw.split(term) if seg.strip()]


def parse_isa(raw):
    segs = split_segments(raw)
    isa = segs[0]
    st = [s for s in segs if s[0] == 'ST']
    return {'sender': isa[6].strip(), 'receiver': isa[8].strip(), 'control_no': isa[13],
            'test': isa[15] == 'T', 'doc_type': st and st[0][1] or None, 'segments': segs}


def envelope(partner, doc_type, control_no, body):
    """Wrap ST..SE body segments (lists of elements) in ISA/GS/GE/IEA."""
    now = datetime.datetime.now()
    ctl = '%09d' % control_no
    gs_type = {'810': 'IN', '855': 'PR', '856': 'SH', '997': 'FA'}[doc_type]
    segs = [['ISA', '00', ' ' * 10, '00', ' ' * 10, config.EDI_ISA_QUALIFIER,
             config.EDI_ISA_ID.ljust(15), partner.IsaQualifier, partner.IsaId.ljust(15),
             now.strftime('%y%m%d'), now.strftime('%H%M'), 'U', '00401', ctl, '0',
             'T' if config.EDI_TEST_MODE else 'P', '>'],
            ['GS', gs_type, config.EDI_ISA_ID, partner.GsId, now.strftime('%Y%m%d'),
             now.strftime('%H%M'), str(control_no), 'X', partner.X12Version],
            ['ST', doc_type, '0001']]
    segs += body
    segs.append(['SE', str(len(body) + 2), '0001'])
    segs += [['GE', '1', str(control_no)], ['IEA', '1', ctl]]
    return '~\n'.join('*'.join(s) for s in segs) + '~\n'


# ---------------------------------------------------------------- 850 in

def import_850(msg):
    """EdiInbox row -> SalesOrder. Returns the new SalesOrderID."""
    env = parse_isa(msg.RawData)
    partner = db.query_one("SELECT * FROM TradingPartner WHERE PartnerID = ?", (msg.PartnerID,))
    beg = ship_to_code = None
    required = None
    lines = []
    for seg in env['segments']:
        tag = seg[0]
        if tag == 'BEG':
            beg = seg
        elif tag == 'DTM' and seg[1] in ('002', '010'):
            required = datetime.datetime.strptime(seg[2], '%Y%m%d').date()
        elif tag == 'N1' and seg[1] == 'ST' and len(seg) > 4:
            ship_to_code = seg[4]
        elif tag == 'PO1':
            lines.append({'qty': int(float(seg[2])), 'uom': seg[3],
                          'price': to_decimal(seg[4]) if seg[4] else None,
                          'item': seg[seg.index('VN') + 1] if 'VN' in seg else
                          seg[seg.index('BP') + 1] if 'BP' in seg else seg[7]})
    if beg is None:
        raise X12Error('no BEG segment')
    cust_po = beg[3]
    dup = db.scalar("SELECT SalesOrderID FROM SalesOrder WHERE CustomerID = ? AND CustomerPO = ? "
                    "AND Status <> 'CANCELLED'", (partner.CustomerID, cust_po))
    if dup:
        raise X12Error('PO %s already on order %s' % (cust_po, dup))
    ship_to_id = None
    if ship_to_code:
        ship_to_id = db.scalar("SELECT ShipToID FROM CustomerShipTo WHERE CustomerID = ? AND Code = ?",
                               (partner.CustomerID, ship_to_code))
        if ship_to_id is None:
            raise X12Error('unknown ship-to %s' % ship_to_code)
    resolved = []
    for l in lines:
        product_id = queries.xref_product(partner.PartnerID, l['item'])
        if not product_id:
            raise X12Error('unknown item %s' % l['item'])
        resolved.append((product_id, l))
    order_id = queries.create_order(partner.CustomerID, ship_to_id, cust_po, 'edi', source='EDI',
                                    required_date=required, notes='EDI ctl %s' % env['control_no'])
    for product_id, l in resolved:
        our_price, source = queries.price_for(partner.CustomerID, product_id, l['qty'])
        if l['price'] is not None and round_money(l['price']) != round_money(our_price):
            log.warning('850 %s: price for %s is %s, we have %s (%s)', cust_po, l['item'], l['price'],
                        our_price, source)
        queries.add_order_line(order_id, product_id, l['qty'], our_price, 0, source)
    db.get_conn().commit()
    return order_id


def build_855(order_id):
    # never switched on for anyone (Send855 = 0 everywhere) but Greenvale asked about it once
    order = queries.get_order(order_id)
    partner = queries.partner_for_customer(order.CustomerID)
    if partner is None or not partner.Send855:
        return None
    body = [['BAK', '00', 'AC', order.CustomerPO, fmt_date(order.OrderDate, '%Y%m%d')]]
    for l in order.lines:
        body.append(['PO1', str(l.LineNo), str(l.Qty), l.Uom, str(l.UnitPrice), '', 'VN', l.Sku])
        body.append(['ACK', 'IA', str(l.Qty), l.Uom])
    ctl = queries.next_control_no(partner.PartnerID)
    return queries.queue_outbox(partner.PartnerID, '855', ctl, order_id,
                                envelope(partner, '855', ctl, body))


# ---------------------------------------------------------------- 856 / 810 out

def export_856(shipment_id):
    ship = queries.get_shipment(shipment_id)
    partner = queries.partner_for_customer(ship.CustomerID)
    if partner is None or not partner.Send856:
        return None
    lines = db.query("SELECT pll.QtyPicked, p.Sku, p.Uom, x.PartnerItemCode FROM PickListLine pll "
                     "JOIN Product p ON p.ProductID = pll.ProductID "
                     "LEFT JOIN EdiItemXref x ON x.ProductID = pll.ProductID AND x.PartnerID = ? "
                     "WHERE pll.PickListID = ? AND pll.QtyPicked > 0",
                     (partner.PartnerID, ship.PickListID))
    shipto = queries.get_shipto(ship.ShipToID) if ship.ShipToID else None
    body = [['BSN', '00', str(ship.ShipmentID), fmt_date(ship.ShippedAt, '%Y%m%d'),
             fmt_date(ship.ShippedAt, '%H%M')],
            ['HL', '1', '', 'S'],
            ['TD1', 'CTN', str(ship.Cartons), '', '', '', 'G', str(ship.WeightKg or 0), 'KG'],
            ['TD5', '', '2', ship.ScacCode or ''],
            ['REF', 'CN', ship.TrackingNo or ''],
            ['N1', 'ST', shipto and shipto.Name or '', '92', shipto and shipto.Code or ''],
            ['HL', '2', '1', 'O'],
            ['PRF', ship.CustomerPO or ''],
            ['HL', '3', '2', 'P'],
            ['MAN', 'GM', util.sscc(ship.ShipmentID)]]
    n = 3
    for l in lines:
        n += 1
        body.append(['HL', str(n), '3', 'I'])
        body.append(['LIN', '', 'VN', l.PartnerItemCode or l.Sku])
        body.append(['SN1', '', str(l.QtyPicked), l.Uom])
    body.append(['CTT', str(len(lines))])
    ctl = queries.next_control_no(partner.PartnerID)
    return queries.queue_outbox(partner.PartnerID, '856', ctl, shipment_id,
                                envelope(partner, '856', ctl, body))


def export_810(invoice_id):
    inv = queries.get_invoice(invoice_id)
    partner = queries.partner_for_customer(inv.CustomerID)
    if partner is None or not partner.Send810:
        return None
    cents = lambda v: str(int(round_money(v) * 100))
    body = [['BIG', fmt_date(inv.InvoiceDate, '%Y%m%d'), inv.InvoiceNo, '', inv.CustomerPO or ''],
            ['REF', 'VR', config.VAT_NO.replace(' ', '')],
            ['ITD', '01', '3', '', '', '', fmt_date(inv.DueDate, '%Y%m%d')]]
    for l in inv.lines:
        code = db.scalar("SELECT PartnerItemCode FROM EdiItemXref WHERE PartnerID = ? AND ProductID = ?",
                         (partner.PartnerID, l.ProductID))
        body.append(['IT1', '', str(l.Qty), l.Uom, str(l.UnitPrice), '', 'VN', code or l.Sku])
        body.append(['TXI', 'VA', str(l.TaxAmount)])
    body.append(['TDS', cents(inv.TotalAmount)])
    if inv.FreightAmount:
        body.append(['SAC', 'C', 'D240', '', '', cents(inv.FreightAmount)])
    body.append(['CTT', str(len(inv.lines))])
    ctl = queries.next_control_no(partner.PartnerID)
    return queries.queue_outbox(partner.PartnerID, '810', ctl, invoice_id,
                                envelope(partner, '810', ctl, body))


def parse_997(raw):
    """Functional ack: returns (group control no, 'A'/'E'/'R')."""
    segs = split_segments(raw)
    ak1 = [s for s in segs if s[0] == 'AK1']
    ak9 = [s for s in segs if s[0] == 'AK9']
    if not ak1 or not ak9:
        raise X12Error('bad 997')
    return ak1[0][2], ak9[0][1]


# ---------------------------------------------------------------- transport

def poll_partner_ftp(partner):
    """Download new files from the partner's outbox dir into EdiInbox. Returns count."""
    if not partner.FtpHost:
        return 0
    ftp = _ftp(partner.FtpHost, partner.FtpUser, partner.FtpPassword)
    n = 0
    try:
        ftp.cwd(partner.InboxDir or '/')
        for name in ftp.nlst():
            buf = StringIO()
            ftp.retrlines('RETR ' + name, buf.write)
            raw = buf.getvalue()
            try:
                env = parse_isa(raw)
            except X12Error as e:
                log.error('%s from %s: %s', name, partner.IsaId, e)
                continue
            if env['doc_type'] == '997':
                ctl, status = parse_997(raw)
                db.execute("UPDATE EdiOutbox SET AckStatus = ? WHERE PartnerID = ? AND ControlNo = ?",
                           (status, partner.PartnerID, '%09d' % int(ctl)))
            else:
                queries.save_inbox(partner.PartnerID, env['doc_type'], env['control_no'], name, raw)
            ftp.delete(name)
            n += 1
    finally:
        ftp.quit()
    return n


def send_outbox():
    sent = 0
    for msg in queries.pending_outbox():
        name = '%s_%s_%s.x12' % (msg.DocType, msg.ControlNo, msg.RefID)
        try:
            ftp = _ftp(msg.FtpHost, msg.FtpUser, msg.FtpPassword)
            ftp.cwd(msg.OutboxDir or '/')
            ftp.storbinary('STOR ' + name, StringIO(msg.RawData))
            ftp.quit()
        except Exception as e:
            log.error('could not send %s: %s', name, e)
            continue
        db.execute("UPDATE EdiOutbox SET Status = 'SENT', SentAt = GETDATE() WHERE OutboxID = ?",
                   (msg.OutboxID,))
        sent += 1
    return sent


def parse_edifact_orders(raw):
    # EDIFACT ORDERS D96A, for the French customer that never happened (2012)
    segs = [s.split('+') for s in raw.split("'") if s]
    out = {'lines': []}
    for s in segs:
        if s[0] == 'BGM':
            out['po'] = s[2]
        elif s[0] == 'LIN':
            out['lines'].append({'item': s[3].split(':')[0]})
        elif s[0] == 'QTY' and out['lines']:
            out['lines'][-1]['qty'] = int(s[1].split(':')[1])
    return out


# ---------------------------------------------------------------- suppliers

def transmit_po(po):
    """Suppliers on 'EDI' take a CSV on their FTP. Not real EDI, don't tell them."""
    sup = db.query_one("SELECT Code, Email FROM Supplier WHERE SupplierID = ?", (po.SupplierID,))
    out = StringIO()
    w = csv.writer(out)
    w.writerow(['PO', po.PoNo, fmt_date(po.OrderDate, '%Y%m%d'), config.EDI_ISA_ID])
    for l in po.lines:
        w.writerow(['LINE', l.SupplierSku or l.Sku, l.QtyOrdered, str(l.UnitCost)])
    path = os.path.join(config.SUPPLIER_PRICEFILE_DIR, sup.Code, 'orders', po.PoNo + '.csv')
    f = open(path, 'w')
    f.write(out.getvalue())
    f.close()
    log.info('PO %s written to %s', po.PoNo, path)


def import_supplier_pricefile(supplier_id, path):
    """Supplier cost updates: CSV supplier_sku,cost[,pack_qty]. Returns (updated, unknown)."""
    updated, unknown = 0, []
    items = dict((r.SupplierSku, r) for r in queries.supplier_items(supplier_id) if r.SupplierSku)
    for row in csv.reader(open(path)):
        if not row or row[0].lower() == 'sku':
            continue
        item = items.get(row[0].strip())
        if item is None:
            unknown.append(row[0])
            continue
        cost = round_money(row[1])
        if cost != round_money(item.Cost):
            queries.update_supplier_cost(supplier_id, item.ProductID, cost)
            updated += 1
        if len(row) > 2 and util.safe_int(row[2]):
            db.execute("UPDATE SupplierItem SET PackQty = ? WHERE SupplierID = ? AND ProductID = ?",
                       (int(row[2]), supplier_id, item.ProductID))
    return updated, unknown


# ---------------------------------------------------------------- bank

LOCKBOX_RE = re.compile(r'^(\d{8})\s+(\w+)\s+([\d.]+)\s+(.*)$')


def import_lockbox(path):
    """Barclays lockbox file: date account amount reference. Unknown accounts go to suspense."""
    batch = os.path.basename(path)[:20]
    done = 0
    for line in open(path):
        m = LOCKBOX_RE.match(line.strip())
        if not m:
            continue
        date, account, amount, ref = m.groups()
        cust = queries.customer_by_account(account)
        if cust is None:
            cust = queries.customer_by_account('SUSPENSE')
        pay_id = queries.record_payment(cust.CustomerID, to_decimal(amount), 'LOCKBOX', ref.strip()[:40],
                                        datetime.datetime.strptime(date, '%Y%m%d').date(), 'lockbox',
                                        batch)
        # auto allocate when the reference is one of our invoice numbers
        inv = db.query_one("SELECT InvoiceID FROM Invoice WHERE InvoiceNo = ? AND CustomerID = ?",
                           (ref.strip().upper(), cust.CustomerID))
        if inv:
            queries.allocate_payment(pay_id, inv.InvoiceID, to_decimal(amount), 'lockbox')
        done += 1
    return done


# ---------------------------------------------------------------- carriers

def fetch_tracking(shipment):
    """Scrape the carrier's tracking page for 'Delivered'. Yes really."""
    if not shipment.TrackingNo or not shipment.TrackUrl:
        return None
    url = shipment.TrackUrl % shipment.TrackingNo
    try:
        html = urllib2.urlopen(url, timeout=20).read()
    except Exception as e:
        log.info('tracking %s: %s', shipment.TrackingNo, e)
        return None
    if isinstance(html, bytes):
        html = html.decode('latin-1')
    if 'Delivered' in html or 'DELIVERED' in html:
        return 'DELIVERED'
    return 'INTRANSIT'


def carrier_rate_quote(carrier, weight_kg, postcode):
    # ParcelNet rating API, trial ended March 2012. freight_estimate() is used instead.
    req = urllib2.Request('https://api.parcelnet.example/rate?acct=%s&kg=%s&pc=%s'
                          % (carrier.AccountNo, weight_kg, postcode.replace(' ', '')))
    resp = urllib2.urlopen(req, timeout=10).read()
    return to_decimal(resp.strip())
