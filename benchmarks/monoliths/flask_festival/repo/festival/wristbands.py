"""Wristbands: RFID encoding, issuing, deactivation, scan imports.

The RFID vendor changed in 2020 -- old 'HM-' prefixed UIDs are still valid.
"""
import csv
import datetime
import hashlib
import io
import logging

from sqlalchemy import text

from festival.extensions import db
from festival.models import GateScan, GuestListEntry, Ticket, Wristband

log = logging.getLogger(__name__)

COLOUR_BY_CODE = {
    "WKND": "green",
    "WKND-CAMP": "green",
    "VIP": "gold",
    "FRI": "blue",
    "SAT": "red",
    "SUN": "yellow",
    "CREW": "black",
}

GUEST_COLOURS = {"artist": "purple", "press": "white", "crew": "black",
                 "volunteer": "orange", "sponsor": "gold"}


def colour_for_ticket(ticket):
    tt = ticket.ticket_type
    return tt.wristband_colour or COLOUR_BY_CODE.get(tt.code, "green")


def encode_rfid_uid(seed):
    digest = hashlib.sha1(("hm2020:%s" % seed).encode("utf-8")).hexdigest()
    return digest[:14].upper()


def issue_for_ticket(ticket, commit=True):
    if ticket.status != "valid":
        raise ValueError("ticket %s is %s" % (ticket.barcode, ticket.status))
    if ticket.wristband is not None:
        return ticket.wristband
    band = Wristband(ticket_id=ticket.id, rfid_uid=encode_rfid_uid(ticket.barcode),
                     colour=colour_for_ticket(ticket))
    db.session.add(band)
    if commit:
        db.session.commit()
    return band


def issue_for_guest(name, category, source_ref, email=None, day_id=None, allocated_by=None):
    """Create a guest list entry + wristband. Used by artists (guest list),
    volunteers (crew pass) and sponsorship (hospitality)."""
    entry = GuestListEntry(name=name, category=category, source_ref=source_ref, email=email,
                           day_id=day_id, wristband_colour=GUEST_COLOURS.get(category, "white"),
                           allocated_by=allocated_by)
    db.session.add(entry)
    db.session.flush()
    band = Wristband(guest_entry_id=entry.id, rfid_uid=encode_rfid_uid("guest:%d" % entry.id),
                     colour=entry.wristband_colour)
    db.session.add(band)
    db.session.commit()
    return entry


def activate(rfid_uid):
    band = Wristband.query.filter_by(rfid_uid=rfid_uid).first()
    if band is None:
        return None
    if band.activated_at is None:
        band.activated_at = datetime.datetime.utcnow()
        db.session.commit()
    return band


def deactivate_wristband(wristband_id, reason):
    band = Wristband.query.get(wristband_id)
    if band is None:
        return False
    band.deactivated = True
    band.deactivated_reason = reason
    db.session.commit()
    log.info("wristband %s deactivated: %s", band.rfid_uid, reason)
    return True


def record_scan(rfid_uid, gate, direction="in", scanned_at=None):
    band = Wristband.query.filter_by(rfid_uid=rfid_uid).first()
    accepted, reason = True, None
    if band is None:
        accepted, reason = False, "unknown"
    elif band.deactivated:
        accepted, reason = False, "deactivated"
    elif band.activated_at is None:
        accepted, reason = False, "not_activated"
    scan = GateScan(wristband_id=band.id if band else None, rfid_uid=rfid_uid, gate=gate,
                    direction=direction, scanned_at=scanned_at or datetime.datetime.utcnow(),
                    accepted=accepted, reject_reason=reason)
    db.session.add(scan)
    db.session.commit()
    return scan


def import_scan_dump(fileobj, gate):
    """Gate scanners dump a CSV when they're offline. uid,timestamp,direction"""
    reader = csv.reader(io.TextIOWrapper(fileobj, encoding="utf-8"))
    count = 0
    for row in reader:
        if not row or row[0].startswith("#"):
            continue
        uid, ts, direction = row[0].strip(), row[1].strip(), (row[2].strip() if len(row) > 2 else "in")
        when = datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S")
        record_scan(uid, gate, direction, when)
        count += 1
    return count


def on_site_count():
    """People currently on site = last scan per wristband is 'in'."""
    sql = text("""
        SELECT COUNT(*) FROM (
            SELECT DISTINCT ON (wristband_id) wristband_id, direction
            FROM gate_scans WHERE accepted = true AND wristband_id IS NOT NULL
            ORDER BY wristband_id, scanned_at DESC
        ) last_scans WHERE direction = 'in'
    """)
    return db.session.execute(sql).scalar() or 0


class WristbandBatch(object):
    """Pre-print batch for postal dispatch (we post wristbands 3 weeks out)."""

    def __init__(self, ticket_type_code, limit=1000):
        self.ticket_type_code = ticket_type_code
        self.limit = limit

    def pending_tickets(self):
        from festival.models import TicketType
        return Ticket.query.join(TicketType).outerjoin(Wristband) \
            .filter(TicketType.code == self.ticket_type_code, Ticket.status == "valid",
                    Wristband.id.is_(None)).limit(self.limit).all()

    def run(self):
        issued = []
        for ticket in self.pending_tickets():
            issued.append(issue_for_ticket(ticket, commit=False))
        db.session.commit()
        return issued
