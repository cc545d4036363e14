# -*- coding: utf-8 -*-
"""Incoming payments: bank statements (CAMT.053), card payments, manual
entries; allocation to invoices; SEPA direct debit batches."""
import datetime
import re
import xml.etree.ElementTree as ET

from lib import config, dbutil
from lib.dates import business_days_after, today
from lib.log import get_logger
from lib.money import D, ZERO, round_money, to_cents
from lib.validators import iban_ok

log = get_logger("payments")

CAMT_NS = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"}
INVOICE_REF_RE = re.compile(r"\bINV\d{9}\b")
ACCOUNT_REF_RE = re.compile(r"\b[CB]\d{8}\b")


class PaymentError(Exception):
    pass


def parse_camt053(path):
    """Yields dicts for every credit booking in a CAMT.053 statement."""
    tree = ET.parse(path)
    for ntry in tree.getroot().iterfind(".//c:Ntry", CAMT_NS):
        if ntry.findtext("c:CdtDbtInd", namespaces=CAMT_NS) != "CRDT":
            continue
        amt = ntry.find("c:Amt", CAMT_NS)
        booked = ntry.findtext("c:BookgDt/c:Dt", namespaces=CAMT_NS)
        ref = " ".join(t.text or "" for t in ntry.iterfind(".//c:RmtInf/c:Ustrd", CAMT_NS))
        name = ntry.findtext(".//c:RltdPties/c:Dbtr/c:Nm", namespaces=CAMT_NS)
        iban = ntry.findtext(".//c:RltdPties/c:DbtrAcct/c:Id/c:IBAN", namespaces=CAMT_NS)
        yield {
            "amount": D(amt.text),
            "currency": amt.get("Ccy"),
            "booked": booked,
            "reference": ref.strip(),
            "name": name,
            "iban": iban,
            "raw": ET.tostring(ntry, encoding="unicode")[:4000],
        }


def match_account(entry):
    """Find the account a bank credit belongs to. Returns (account_id, invoice_id)."""
    m = INVOICE_REF_RE.search(entry["reference"] or "")
    if m:
        inv = dbutil.get_invoice_by_no(m.group(0))
        if inv:
            return inv["account_id"], inv["id"]
    m = ACCOUNT_REF_RE.search(entry["reference"] or "")
    if m:
        acc = dbutil.get_account_by_no(m.group(0))
        if acc:
            return acc["id"], None
    if entry.get("iban"):
        acc_id = dbutil.scalar("SELECT account_id FROM payment_methods WHERE iban = %s LIMIT 1",
                               (entry["iban"].replace(" ", ""),))
        if acc_id:
            return acc_id, None
    return None, None


def allocate_payment(payment_id, prefer_invoice_id=None):
    """FIFO allocation of a payment over the account's open invoices.
    Updates invoice status too (yes, collections writes invoices)."""
    pay = dbutil.fetchone("SELECT * FROM payments WHERE id = %s FOR UPDATE", (payment_id,))
    if pay is None or pay["account_id"] is None:
        return ZERO
    already = D(dbutil.scalar("SELECT COALESCE(SUM(amount), 0) FROM payment_allocations WHERE payment_id = %s",
                              (payment_id,)))
    left = D(pay["amount"]) - already
    if left <= 0:
        return ZERO
    open_invs = dbutil.get_open_invoices(pay["account_id"])
    if prefer_invoice_id:
        open_invs.sort(key=lambda i: 0 if i["id"] == prefer_invoice_id else 1)
    allocated = ZERO
    for inv in open_invs:
        if left <= 0:
            break
        open_amt = D(inv["open_amount"])
        if open_amt <= 0:
            continue
        amt = min(open_amt, left)
        dbutil.execute("INSERT INTO payment_allocations (payment_id, invoice_id, amount) VALUES (%s, %s, %s)",
                       (payment_id, inv["id"], amt))
        new_status = "paid" if amt == open_amt else "partially_paid"
        dbutil.execute("UPDATE invoices SET status = %s WHERE id = %s", (new_status, inv["id"]))
        left -= amt
        allocated += amt
    status = "allocated" if left <= 0 else ("partially_allocated" if allocated + already > 0 else "unallocated")
    dbutil.execute("UPDATE payments SET status = %s WHERE id = %s", (status, payment_id))
    return allocated


def register_bank_entry(entry):
    account_id, invoice_id = match_account(entry)
    pid = dbutil.insert_payment(account_id, entry["amount"], "transfer", entry["reference"][:140],
                                source="bank", stmt_line=entry["raw"])
    if account_id:
        allocate_payment(pid, invoice_id)
    else:
        log.warning("unmatched bank credit %s %s", entry["amount"], entry["reference"])
    return pid, account_id


def register_manual_payment(account_id, amount, method, reference, user):
    pid = dbutil.insert_payment(account_id, round_money(amount), method,
                                "%s (by %s)" % (reference, user), source="manual")
    allocate_payment(pid)
    dbutil.commit()
    return pid


def assign_unmatched(payment_id, account_id, user):
    dbutil.execute("UPDATE payments SET account_id = %s WHERE id = %s AND account_id IS NULL",
                   (account_id, payment_id))
    allocate_payment(payment_id)
    dbutil.commit()
    log.info("payment %s assigned to account %s by %s", payment_id, account_id, user)


def refund_payment(payment_id, user):
    dbutil.execute("DELETE FROM payment_allocations WHERE payment_id = %s", (payment_id,))
    dbutil.execute("UPDATE payments SET status = 'refunded' WHERE id = %s", (payment_id,))
    # re-open the invoices it was paying
    dbutil.execute("""
        UPDATE invoices SET status = 'issued'
         WHERE status IN ('paid', 'partially_paid') AND id NOT IN (
               SELECT invoice_id FROM payment_allocations)
           AND account_id = (SELECT account_id FROM payments WHERE id = %s)""", (payment_id,))
    dbutil.commit()


def add_payment_method(account_id, method, iban=None, bic=None, mandate_ref=None, card_token=None,
                       make_default=True):
    if method == "dd":
        if not iban_ok(iban):
            raise PaymentError("invalid IBAN")
        mandate_ref = mandate_ref or "TEL-%s-%s" % (account_id, today().strftime("%Y%m%d"))
    if make_default:
        dbutil.execute("UPDATE payment_methods SET is_default = false WHERE account_id = %s", (account_id,))
    return dbutil.scalar("""
        INSERT INTO payment_methods (account_id, method, iban, bic, mandate_ref, mandate_date,
                                     card_token, is_default)
        VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id""",
                         (account_id, method, iban and iban.replace(" ", "").upper(), bic, mandate_ref,
                          today() if method == "dd" else None, card_token, make_default))


# ---------------------------------------------------------------------------
# SEPA direct debit
# ---------------------------------------------------------------------------

def invoices_for_dd(collection_date):
    return dbutil.fetchall("""
        SELECT i.id AS invoice_id, i.invoice_no, i.total_amount, pm.id AS pm_id, pm.iban, pm.bic,
               pm.mandate_ref, pm.mandate_date, a.name
          FROM invoices i
          JOIN accounts a ON a.id = i.account_id
          JOIN payment_methods pm ON pm.account_id = a.id AND pm.is_default AND pm.method = 'dd'
         WHERE i.status = 'issued' AND i.due_date <= %s
           AND NOT EXISTS (SELECT 1 FROM dd_batch_items di
                            WHERE di.invoice_id = i.id AND di.status IN ('pending', 'collected'))
         ORDER BY i.id""", (collection_date,))


def create_dd_batch(collection_date=None):
    collection_date = collection_date or business_days_after(today(), 2)
    items = invoices_for_dd(collection_date)
    if not items:
        return None, []
    batch_id = dbutil.scalar("INSERT INTO dd_batches (collection_date) VALUES (%s) RETURNING id",
                             (collection_date,))
    dbutil.bulk_insert("dd_batch_items", ("batch_id", "invoice_id", "payment_method_id", "amount"),
                       [(batch_id, i["invoice_id"], i["pm_id"], i["total_amount"]) for i in items])
    total = sum((D(i["total_amount"]) for i in items), ZERO)
    dbutil.execute("UPDATE dd_batches SET item_count = %s, total_amount = %s WHERE id = %s",
                   (len(items), total, batch_id))
    return batch_id, items


def sepa_pain008(batch_id, collection_date, items):
    """Minimal pain.008.001.02. The bank is picky about the order of elements."""
    ns = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"
    root = ET.Element("Document", xmlns=ns)
    cdd = ET.SubElement(root, "CstmrDrctDbtInitn")
    hdr = ET.SubElement(cdd, "GrpHdr")
    ET.SubElement(hdr, "MsgId").text = "TELDD%08d" % batch_id
    ET.SubElement(hdr, "CreDtTm").text = datetime.datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
    ET.SubElement(hdr, "NbOfTxs").text = str(len(items))
    ET.SubElement(hdr, "CtrlSum").text = "%.2f" % (sum(to_cents(i["total_amount"]) for i in items) / 100.0)
    pmt = ET.SubElement(cdd, "PmtInf")
    ET.SubElement(pmt, "PmtInfId").text = "TELDD%08d-1" % batch_id
    ET.SubElement(pmt, "PmtMtd").text = "DD"
    ET.SubElement(pmt, "ReqdColltnDt").text = collection_date.isoformat()
    ET.SubElement(ET.SubElement(pmt, "Cdtr"), "Nm").text = config.get("billing", "company_name")
    ET.SubElement(ET.SubElement(ET.SubElement(pmt, "CdtrAcct"), "Id"), "IBAN").text = \
        config.get("billing", "creditor_iban")
    for it in items:
        tx = ET.SubElement(pmt, "DrctDbtTxInf")
        ET.SubElement(ET.SubElement(tx, "PmtId"), "EndToEndId").text = it["invoice_no"]
        ET.SubElement(tx, "InstdAmt", Ccy="EUR").text = "%.2f" % D(it["total_amount"])
        mri = ET.SubElement(ET.SubElement(tx, "DrctDbtTx"), "MndtRltdInf")
        ET.SubElement(mri, "MndtId").text = it["mandate_ref"]
        ET.SubElement(mri, "DtOfSgntr").text = (it["mandate_date"] or today()).isoformat()
        ET.SubElement(ET.SubElement(tx, "Dbtr"), "Nm").text = (it["name"] or "")[:70]
        ET.SubElement(ET.SubElement(ET.SubElement(tx, "DbtrAcct"), "Id"), "IBAN").text = it["iban"]
        ET.SubElement(ET.SubElement(tx, "RmtInf"), "Ustrd").text = it["invoice_no"]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def process_dd_return(end_to_end_id, return_code):
    """R-transaction from the bank: mark the item failed, un-pay the invoice."""
    item = dbutil.fetchone("""
        SELECT di.* FROM dd_batch_items di JOIN invoices i ON i.id = di.invoice_id
         WHERE i.invoice_no = %s ORDER BY di.id DESC LIMIT 1""", (end_to_end_id,))
    if item is None:
        log.error("dd return for unknown e2e id %s", end_to_end_id)
        return False
    dbutil.execute("UPDATE dd_batch_items SET status = 'returned', return_code = %s WHERE id = %s",
                   (return_code, item["id"]))
    pid = dbutil.scalar("""
        SELECT p.id FROM payments p JOIN payment_allocations pa ON pa.payment_id = p.id
         WHERE pa.invoice_id = %s AND p.source = 'dd' ORDER BY p.id DESC LIMIT 1""", (item["invoice_id"],))
    if pid:
        refund_payment(pid, "dd-return")
    return True


def book_dd_batch_collected(batch_id):
    """On collection date the money is assumed in; returns come later."""
    items = dbutil.fetchall("""
        SELECT di.*, i.account_id, i.invoice_no FROM dd_batch_items di
          JOIN invoices i ON i.id = di.invoice_id
         WHERE di.batch_id = %s AND di.status = 'pending'""", (batch_id,))
    for it in items:
        pid = dbutil.insert_payment(it["account_id"], it["amount"], "dd", it["invoice_no"], source="dd")
        allocate_payment(pid, it["invoice_id"])
        dbutil.execute("UPDATE dd_batch_items SET status = 'collected' WHERE id = %s", (it["id"],))
    dbutil.execute("UPDATE dd_batches SET status = 'collected' WHERE id = %s", (batch_id,))
    dbutil.commit()
    return len(items)
