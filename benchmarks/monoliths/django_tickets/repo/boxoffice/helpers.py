"""Seat inventory and door scanning. Named helpers.py because it started as three functions."""
import datetime
import hashlib

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from boxoffice.models import Gate, PerformanceSeat, PriceZone, Scan, ScannerDevice, SeatHold
from common.utils import generate_code
from venues.models import Seat


class HoldError(Exception):
    pass


def generate_inventory(performance):
    seats = Seat.objects.filter(section__hall=performance.hall, is_active=True).select_related("section")
    existing = set(PerformanceSeat.objects.filter(performance=performance).values_list("seat_id", flat=True))
    zones = {}
    for zone in PriceZone.objects.filter(performance=performance).prefetch_related("sections"):
        for section in zone.sections.all():
            zones[section.pk] = zone
    rows = [PerformanceSeat(performance=performance, seat=seat, zone=zones.get(seat.section_id))
            for seat in seats if seat.pk not in existing]
    PerformanceSeat.objects.bulk_create(rows, batch_size=500)
    return len(rows)


@transaction.atomic
def hold_seats(performance, seat_ids, session_key=""):
    if not performance.is_on_sale():
        raise HoldError("This performance is not on sale")
    if len(seat_ids) > performance.max_tickets_per_order:
        raise HoldError(f"You can hold at most {performance.max_tickets_per_order} seats")
    rows = list(PerformanceSeat.objects.select_for_update()
                .filter(performance=performance, seat_id__in=seat_ids))
    if len(rows) != len(set(seat_ids)) or any(r.status != "available" for r in rows):
        raise HoldError("Some of those seats were just taken")
    hold = SeatHold.objects.create(
        performance=performance, token=generate_code(16), session_key=session_key,
        expires_at=timezone.now() + datetime.timedelta(minutes=settings.SEAT_HOLD_MINUTES))
    PerformanceSeat.objects.filter(pk__in=[r.pk for r in rows]).update(status="held", hold=hold)
    return hold


def release_hold(hold):
    PerformanceSeat.objects.filter(hold=hold, status="held").update(status="available", hold=None)
    hold.released = True
    hold.save(update_fields=["released"])


def release_expired_holds():
    expired = SeatHold.objects.filter(released=False, expires_at__lt=timezone.now())
    count = 0
    for hold in expired:
        release_hold(hold)
        count += 1
    return count


def mark_hold_sold(hold):
    updated = PerformanceSeat.objects.filter(hold=hold, status="held").update(status="sold")
    hold.released = True
    hold.save(update_fields=["released"])
    return updated


def release_sold_seat(performance_seat_id):
    PerformanceSeat.objects.filter(pk=performance_seat_id, status="sold").update(status="available", hold=None)


def best_available(performance, zone, quantity):
    free = list(PerformanceSeat.objects.filter(performance=performance, zone=zone, status="available")
                .select_related("seat__section").order_by("seat__section__sort_order", "seat__row", "seat__number"))
    # look for a run of adjacent seats in the same row first
    for i in range(len(free) - quantity + 1):
        run = free[i:i + quantity]
        same_row = len({(s.seat.section_id, s.seat.row) for s in run}) == 1
        if same_row and run[-1].seat.number - run[0].seat.number == quantity - 1:
            return [s.seat_id for s in run]
    return [s.seat_id for s in free[:quantity]] if len(free) >= quantity else []


def availability_for(performance):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT z.id, z.name, z.price_pence,
                   SUM(CASE WHEN i.status = 'available' THEN 1 ELSE 0 END),
                   COUNT(i.id)
            FROM boxoffice_pricezone z
            LEFT JOIN seat_inventory i ON i.zone_id = z.id
            WHERE z.performance_id = %s
            GROUP BY z.id, z.name, z.price_pence
            ORDER BY z.price_pence DESC
            """,
            [performance.pk],
        )
        return [{"zone": r[0], "name": r[1], "price": r[2], "available": r[3] or 0, "total": r[4]}
                for r in cursor.fetchall()]


def register_device(serial, label="", gate=None):
    device, created = ScannerDevice.objects.get_or_create(serial=serial, defaults={"label": label or serial})
    if gate is not None and device.gate_id != gate.pk:
        device.gate = gate
        device.save(update_fields=["gate", "updated_at"])
    return device


def record_scan(barcode, device=None, performance=None):
    """Validate a barcode at the door and log the attempt. Returns (result, ticket)."""
    from shop.models import Ticket

    barcode = (barcode or "").strip().upper()
    gate = device.gate if device else None
    ticket = Ticket.objects.select_related("line__performance").filter(barcode=barcode).first()
    if ticket is None:
        result = "invalid"
    elif ticket.status in ("refunded", "void"):
        result = "void"
    elif performance is not None and ticket.line.performance_id != performance.pk:
        result = "wrong_show"
    elif ticket.status == "used" and not settings.SCAN_REENTRY_ALLOWED:
        result = "duplicate"
    else:
        result = "ok"
        ticket.status = "used"
        ticket.save(update_fields=["status"])
    Scan.objects.create(barcode=barcode, ticket=ticket, device=device, gate=gate, result=result)
    if device:
        ScannerDevice.objects.filter(pk=device.pk).update(last_seen_at=timezone.now())
    return result, ticket


def gate_stats(performance):
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT g.name, s.result, COUNT(*)
            FROM door_scans s
            JOIN boxoffice_gate g ON g.id = s.gate_id
            JOIN shop_ticket t ON t.id = s.ticket_id
            JOIN shop_orderline l ON l.id = t.line_id
            WHERE l.performance_id = %s
            GROUP BY g.name, s.result
            """,
            [performance.pk],
        )
        stats = {}
        for gate, result, count in cursor.fetchall():
            stats.setdefault(gate, {})[result] = count
    return stats


def active_gates(venue):
    return Gate.objects.filter(venue=venue, is_active=True).order_by("name")


def _old_barcode_checksum(code):
    # v1 paper tickets had a mod-97 check digit; the scanners stopped sending it in 2021
    return int(hashlib.md5(code.encode()).hexdigest(), 16) % 97
