"""Import of the old EPOS till exports (CSV).

Two shops (Headingley, Chapel Allerton) still ran the old EPOS boxes until
2021. Every night the box drops a CSV in EPOS_IMPORT_DIR; we import it as
sales on a pseudo till session. Kept because the old boxes are still the
fallback when the new tills are down.
"""
import csv
import datetime
import glob
import logging
import os
import shutil
from decimal import Decimal

from flask import current_app

from bakery.db import db
from bakery.helpers.money import to_money, vat_portion
from bakery.models import (Sale, SaleLine, Shop, Till, TillSession,
                           product_by_sku)

log = logging.getLogger(__name__)

PSEUDO_TILL_LABEL = "EPOS import"


class EposRow(object):
    __slots__ = ("txn", "when", "sku", "qty", "amount", "tender")

    def __init__(self, txn, when, sku, qty, amount, tender):
        self.txn = txn
        self.when = when
        self.sku = sku
        self.qty = qty
        self.amount = amount
        self.tender = tender


def parse_row(raw):
    # columns: TXN;DATE;TIME;PLU;QTY;AMOUNT;TENDER  (semicolon, dd/mm/yyyy, pence)
    try:
        when = datetime.datetime.strptime("%s %s" % (raw[1], raw[2]), "%d/%m/%Y %H:%M:%S")
        return EposRow(raw[0].strip(), when, raw[3].strip().upper(), int(raw[4]),
                       to_money(Decimal(raw[5]) / 100), (raw[6] or "CARD").strip().lower())
    except (IndexError, ValueError) as exc:
        log.warning("bad epos row %r: %s", raw, exc)
        return None


def pseudo_session(shop, day):
    till, _ = Till.get_or_create(shop=shop, label=PSEUDO_TILL_LABEL)
    opened = datetime.datetime.combine(day, datetime.time(6, 0))
    session = TillSession.get_or_none((TillSession.till == till) & (TillSession.opened_at == opened))
    if session is None:
        session = TillSession.create(till=till, opened_by_id=0, opened_at=opened,
                                     closed_at=datetime.datetime.combine(day, datetime.time(23, 0)),
                                     notes="imported from EPOS")
    return session


def import_epos_file(path, shop):
    rows = []
    with open(path, newline="", encoding="latin-1") as fh:
        for raw in csv.reader(fh, delimiter=";"):
            if not raw or raw[0] == "TXN":
                continue
            row = parse_row(raw)
            if row:
                rows.append(row)
    if not rows:
        return 0
    by_txn = {}
    for row in rows:
        by_txn.setdefault(row.txn, []).append(row)
    imported = 0
    with db.atomic():
        session = pseudo_session(shop, rows[0].when.date())
        for txn, txn_rows in by_txn.items():
            ext = "%s-%s" % (shop.code, txn)
            if Sale.select().where(Sale.external_ref == ext).exists():
                continue
            sale = Sale.create(session=session, shop=shop, sold_at=txn_rows[0].when,
                               payment_method="cash" if txn_rows[0].tender == "cash" else "card",
                               external_ref=ext)
            total = Decimal("0")
            vat = Decimal("0")
            for r in txn_rows:
                product = product_by_sku(r.sku)
                if product is None:
                    log.warning("unknown PLU %s in %s", r.sku, path)
                    continue
                SaleLine.create(sale=sale, product=product, quantity=r.qty,
                                unit_price=to_money(r.amount / (r.qty or 1)), line_total=r.amount)
                total += r.amount
                vat += vat_portion(r.amount, product.vat_rate)
            sale.total = to_money(total)
            sale.vat = to_money(vat)
            sale.save()
            imported += 1
    return imported


def import_pending():
    base = current_app.config["EPOS_IMPORT_DIR"]
    done_dir = os.path.join(base, "done")
    os.makedirs(done_dir, exist_ok=True)
    total = 0
    for path in sorted(glob.glob(os.path.join(base, "*.csv"))):
        code = os.path.basename(path).split("_")[0].upper()
        shop = Shop.get_or_none(Shop.code == code)
        if shop is None:
            log.error("epos file for unknown shop %s", path)
            continue
        total += import_epos_file(path, shop)
        shutil.move(path, os.path.join(done_dir, os.path.basename(path)))
    return total


def import_legacy_loyalty_stamps(path):
    """One-off from 2020: convert paper stamp-card counts to points.

    Never run in prod in the end (marketing decided to start everyone at 0).
    """
    from bakery.loyalty.models import LoyaltyCard, PointsEntry
    n = 0
    with open(path) as fh:
        for raw in csv.reader(fh):
            card = LoyaltyCard.get_or_none(LoyaltyCard.number == raw[0])
            if card and card.member:
                PointsEntry.create(member=card.member, card=card, points=int(raw[1]) * 25,
                                   kind="bonus", note="stamp card migration")
                n += 1
    return n
