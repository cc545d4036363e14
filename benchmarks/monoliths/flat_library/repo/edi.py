# EDIFACT ORDERS messages for suppliers (Askews, Peters, ...).
# Only ORDERS is implemented; QUOTES/INVOIC are keyed in by hand.
import os
import datetime

import config
import dbaccess


def seg(*parts):
    return "+".join(p.replace("+", "?+").replace("'", "?'") for p in parts) + "'"


def build_orders_message(po):
    lines = [seg("UNH", po["order_no"], "ORDERS:D:96A:UN:EAN008"),
             seg("BGM", "220", po["order_no"], "9"),
             seg("DTM", "137:%s:102" % datetime.date.today().strftime("%Y%m%d")),
             seg("NAD", "SU", po["edi_address"] or "")]
    for i, ln in enumerate(po["lines"], 1):
        lines.append(seg("LIN", str(i), "", "%s:EN" % (ln["isbn"] or "")))
        lines.append(seg("QTY", "21:%d" % ln["quantity"]))
        lines.append(seg("PRI", "AAE:%s" % ln["unit_price"]))
    lines.append(seg("UNT", str(len(lines) + 1), po["order_no"]))
    return "\n".join(lines)


def send_order(po_id):
    po = dbaccess.get_po(po_id)
    msg = build_orders_message(po)
    path = os.path.join(config.EDI_OUTBOX, "%s.edi" % po["order_no"])
    with open(path, "w") as fh:
        fh.write(msg)
    dbaccess.set_po_status(po_id, "sent")
    return path


