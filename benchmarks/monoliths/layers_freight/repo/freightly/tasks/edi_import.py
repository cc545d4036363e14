"""Carrier EDI inbox processing.

Supported:
  * X12 214  - shipment status (road carriers, US lanes)
  * IFTSTA   - EDIFACT status (ocean carriers)
  * X12 210  - freight invoice (audited against our rate, NOT booked - AP does that)

Files land in EDI_INBOX via the VAN's sftp push.
"""
import datetime
import glob
import logging
import os
import shutil

from freightly.config import Config
from freightly.models import Shipment
from freightly.repositories.carrier_repo import CarrierRepository
from freightly.repositories.shipment_repo import ContainerRepository, ShipmentRepository
from freightly.services import tracking_service
from freightly.tasks import task
from freightly.utils.dates import parse_datetime
from freightly.utils.db import session_scope
from freightly.utils.money import D, round_money

log = logging.getLogger("freightly.edi")

AUDIT_TOLERANCE_PCT = D("2.0")


class EdiParseError(Exception):
    pass


def split_x12(raw):
    raw = raw.strip()
    if not raw.startswith("ISA"):
        raise EdiParseError("not an X12 interchange")
    elem = raw[3]
    seg_term = raw[105] if len(raw) > 105 else "~"
    segments = [s.strip() for s in raw.split(seg_term) if s.strip()]
    return [s.split(elem) for s in segments]


def split_edifact(raw):
    raw = raw.strip()
    if raw.startswith("UNA"):
        raw = raw[9:]
    segments = [s.strip() for s in raw.replace("\n", "").split("'") if s.strip()]
    return [s.split("+") for s in segments]


def parse_edi_214(raw):
    """Return a list of dicts: bill, code, time, location."""
    out = []
    current = {}
    for seg in split_x12(raw):
        tag = seg[0]
        if tag == "B10":
            current = {"bill": seg[1] if len(seg) > 1 else None,
                       "reference": seg[2] if len(seg) > 2 else None}
        elif tag == "AT7" and current:
            code = seg[1] or seg[3]
            date, tm = seg[5], (seg[6] if len(seg) > 6 else "0000")
            ev = dict(current)
            ev["carrier_code"] = code
            ev["time"] = parse_datetime(date + tm[:4])
            out.append(ev)
        elif tag == "MS1" and out:
            out[-1]["location"] = (seg[1] or "")[:5]
    return out


def parse_iftsta(raw):
    out = []
    current = None
    for seg in split_edifact(raw):
        tag = seg[0]
        if tag == "CNI":
            current = {"bill": seg[2] if len(seg) > 2 else None}
        elif tag == "STS" and current is not None:
            code = seg[2].split(":")[0] if len(seg) > 2 else seg[1].split(":")[0]
            current = dict(current, carrier_code=code)
        elif tag == "DTM" and current is not None and "carrier_code" in current:
            qualifier, value = seg[1].split(":")[:2]
            if qualifier in ("334", "178", "132"):
                current["time"] = parse_datetime(value[:12])
        elif tag == "LOC" and current is not None:
            current["location"] = seg[2].split(":")[0][:5]
        elif tag == "EQD" and current is not None:
            current["container_no"] = seg[2].split(":")[0]
            if "time" in current:
                out.append(dict(current))
    return out


def import_status_events(carrier, events, session):
    repo = ShipmentRepository(session)
    imported = 0
    for ev in events:
        shipment = repo.by_bill(ev.get("bill")) if ev.get("bill") else None
        if shipment is None and ev.get("container_no"):
            c = ContainerRepository(session).by_number(ev["container_no"])
            shipment = session.query(Shipment).get(c.shipment_id) if c else None
        if shipment is None:
            log.warning("EDI event for unknown bill %s", ev.get("bill"))
            continue
        code, is_exc = tracking_service.map_carrier_status(carrier.id, ev["carrier_code"],
                                                           session)
        if code is None:
            log.info("unmapped status %s from %s", ev["carrier_code"], carrier.scac)
            continue
        if tracking_service.record_event(shipment, code, ev["time"],
                                         location=ev.get("location"),
                                         container_no=ev.get("container_no"),
                                         carrier_code=ev["carrier_code"], source="edi",
                                         is_exception=is_exc, raw=repr(ev),
                                         session=session) is not None:
            imported += 1
    return imported


def audit_carrier_invoice_210(raw, session):
    """Compare the carrier's freight invoice against the buy rate we booked.

    Only reports differences - AP books the invoice in the ERP.
    """
    findings = []
    bill = None
    total = None
    for seg in split_x12(raw):
        if seg[0] == "B3":
            bill = seg[3]
            total = round_money(D(seg[5]) / 100)
        elif seg[0] == "SE" and bill is not None:
            shipment = ShipmentRepository(session).by_bill(bill)
            if shipment is None:
                findings.append((bill, "unknown bill"))
            elif shipment.buy_amount is not None:
                diff = total - D(shipment.buy_amount)
                tol = D(shipment.buy_amount) * AUDIT_TOLERANCE_PCT / 100
                if abs(diff) > tol:
                    findings.append((bill, "billed %s vs booked %s" % (total, shipment.buy_amount)))
            bill = None
    return findings


def detect_format(raw):
    head = raw.lstrip()[:200]
    if head.startswith("ISA"):
        if "~ST*214" in head or "*214*" in raw[:400]:
            return "214"
        if "~ST*210" in head or "*210*" in raw[:400]:
            return "210"
        return "x12"
    if head.startswith("UNA") or head.startswith("UNB"):
        return "IFTSTA" if "IFTSTA" in raw[:500] else "edifact"
    return None


@task("edi_import", group="frequent")
def import_edi_inbox(inbox=None, archive=None):
    inbox = inbox or Config.EDI_INBOX
    archive = archive or Config.EDI_ARCHIVE
    stats = {"files": 0, "events": 0, "audit_findings": 0, "errors": 0}
    for path in sorted(glob.glob(os.path.join(inbox, "*"))):
        partner = os.path.basename(path).split("_")[0]
        try:
            with open(path, encoding="latin-1") as fh:
                raw = fh.read()
            fmt = detect_format(raw)
            with session_scope() as session:
                carrier = CarrierRepository(session).by_edi_partner(partner)
                if carrier is None:
                    raise EdiParseError("unknown partner %s" % partner)
                if fmt == "214":
                    stats["events"] += import_status_events(carrier, parse_edi_214(raw), session)
                elif fmt == "IFTSTA":
                    stats["events"] += import_status_events(carrier, parse_iftsta(raw), session)
                elif fmt == "210":
                    findings = audit_carrier_invoice_210(raw, session)
                    for f in findings:
                        log.warning("freight audit %s: %s", carrier.scac, f)
                    stats["audit_findings"] += len(findings)
                else:
                    raise EdiParseError("unsupported format in %s" % path)
            stats["files"] += 1
            dest = os.path.join(archive, datetime.date.today().isoformat())
            os.makedirs(dest, exist_ok=True)
            shutil.move(path, dest)
        except Exception as exc:
            stats["errors"] += 1
            log.error("EDI file %s failed: %s", path, exc)
            shutil.move(path, path + ".err")
    return stats
