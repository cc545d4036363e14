"""Weighbridge, grading and the bins.

This file started as silo.py (2016).  Grading rules change every crop year,
so expect the GradingEngine to be edited a lot.
"""
import logging
from datetime import datetime, timedelta
from decimal import Decimal

from coop.extensions import db_session
from coop.models import (Bin, BinTransfer, FumigationLog, GradeSample,
                         IntakeRejection, IntakeTicket, StockCount)
from coop.repositories.contracts import PoolRepository
from coop.repositories.grain import (BinRepository, DiscountScheduleRepository,
                                     IntakeTicketRepository, StockMovementRepository)
from coop.repositories.members import MemberRepository
from coop.services import ConflictError, ServiceError, require
from coop.services.notifications import notify_load_rejected, notify_ticket_graded
from coop.utils.dates import crop_year_for, today
from coop.utils.money import D
from coop.utils.units import moisture_shrink

log = logging.getLogger(__name__)

MAX_GROSS_KG = 63500  # legal GVW for a Super-B in SK
REJECT_MOISTURE = {"wheat": 19.0, "barley": 19.5, "canola": 15.0, "oats": 18.0, "peas": 20.0}
ACCEPTED_COMMODITIES = ("wheat", "barley", "oats", "canola", "peas")


# ================================================================== intake

def open_intake_ticket(site_code, grower_code, commodity, truck_plate=None, field_id=None, user=None):
    commodity = (commodity or "").lower()
    require(commodity in ACCEPTED_COMMODITIES, "commodity %s not accepted" % commodity)
    member = MemberRepository().by_grower_code(grower_code)
    if member.status not in ("active",):
        raise ServiceError("member %s is %s -- cannot deliver" % (grower_code, member.status))
    site = BinRepository().site_by_code(site_code)
    tickets = IntakeTicketRepository()
    ticket = IntakeTicket(ticket_no=tickets.next_ticket_no(site.code), site_id=site.id,
                          member_id=member.id, field_id=field_id, commodity=commodity,
                          truck_plate=(truck_plate or "").upper() or None, created_by=user)
    db_session.add(ticket)
    db_session.flush()
    return ticket


def record_weights(ticket_id, gross_kg=None, tare_kg=None):
    ticket = IntakeTicketRepository().get(ticket_id)
    require(ticket is not None, "no such ticket")
    if ticket.status in ("binned", "void", "rejected"):
        raise ConflictError("ticket %s is closed" % ticket.ticket_no)
    if gross_kg is not None:
        require(0 < gross_kg <= MAX_GROSS_KG, "gross weight out of range")
        ticket.gross_kg = int(gross_kg)
    if tare_kg is not None:
        ticket.tare_kg = int(tare_kg)
    if ticket.gross_kg and ticket.tare_kg:
        require(ticket.gross_kg > ticket.tare_kg, "tare heavier than gross?")
        ticket.net_kg = ticket.gross_kg - ticket.tare_kg
        if ticket.status == "open":
            ticket.status = "weighed"
    return ticket


class GradingEngine(object):
    """Turns a sample into a grade code + paid weight + $ discount per tonne."""

    # (commodity, grade) -> minimums; checked in order, first match wins
    GRADE_TABLE = {
        "wheat": [("1", {"test_weight_kg_hl": 75, "damaged_pct": 0.75, "falling_number": 300}),
                  ("2", {"test_weight_kg_hl": 72, "damaged_pct": 2.0, "falling_number": 250}),
                  ("3", {"test_weight_kg_hl": 69, "damaged_pct": 4.0, "falling_number": 200}),
                  ("F", {})],
        "barley": [("1", {"test_weight_kg_hl": 63, "damaged_pct": 1.0}),
                   ("2", {"test_weight_kg_hl": 59, "damaged_pct": 3.0}),
                   ("F", {})],
        "canola": [("1", {"damaged_pct": 2.0}), ("2", {"damaged_pct": 6.0}), ("3", {})],
        "oats": [("1", {"test_weight_kg_hl": 52}), ("2", {"test_weight_kg_hl": 49}), ("F", {})],
        "peas": [("1", {"damaged_pct": 0.5}), ("2", {"damaged_pct": 2.0}), ("3", {})],
    }

    def __init__(self, commodity, crop_year):
        self.commodity = commodity
        self.crop_year = crop_year
        self._schedule = None

    @property
    def schedule(self):
        if self._schedule is None:
            self._schedule = DiscountScheduleRepository().for_commodity(self.commodity, self.crop_year)
        return self._schedule

    def grade(self, sample):
        for code, mins in self.GRADE_TABLE.get(self.commodity, [("1", {})]):
            ok = True
            for attr, limit in mins.items():
                val = getattr(sample, attr)
                if val is None:
                    continue
                if attr == "damaged_pct":
                    ok = ok and val <= limit
                else:
                    ok = ok and val >= limit
            if ok:
                return code
        return "F"

    def discount_per_tonne(self, sample):
        total = Decimal("0")
        for row in self.schedule:
            val = getattr(sample, {"moisture": "moisture_pct", "dockage": "dockage_pct",
                                   "protein": "protein_pct", "test_weight": "test_weight_kg_hl",
                                   "fn": "falling_number"}.get(row.factor, row.factor), None)
            if val is None:
                continue
            if (row.lower is None or val >= row.lower) and (row.upper is None or val < row.upper):
                amt = D(row.discount_per_tonne)
                total += -amt if row.premium else amt
        return total

    def paid_weight(self, net_kg, sample):
        dried = moisture_shrink(net_kg, sample.moisture_pct, self.commodity)
        dockage = sample.dockage_pct or 0
        return dried, int(round(dried * (1 - dockage / 100.0)))


def grade_ticket(ticket_id, sample_data, grader=None, appeal=False):
    ticket = IntakeTicketRepository().get(ticket_id)
    require(ticket is not None, "no such ticket")
    require(ticket.net_kg, "weigh the truck before grading")
    sample = GradeSample(ticket_id=ticket.id, grader=grader, is_appeal=appeal, **{
        k: sample_data.get(k) for k in ("moisture_pct", "dockage_pct", "protein_pct",
                                        "test_weight_kg_hl", "falling_number",
                                        "foreign_material_pct", "damaged_pct")})
    limit = REJECT_MOISTURE.get(ticket.commodity)
    if limit and (sample.moisture_pct or 0) > limit:
        db_session.add(sample)
        return reject_load(ticket.id, "HOT", "moisture %.1f%% over %.1f%%" % (sample.moisture_pct, limit),
                           user=grader)
    engine = GradingEngine(ticket.commodity, crop_year_for(ticket.arrived_at))
    sample.grade_code = engine.grade(sample)
    ticket.grade_code = sample.grade_code
    ticket.dried_kg, ticket.paid_kg = engine.paid_weight(ticket.net_kg, sample)
    ticket.status = "graded"
    db_session.add(sample)
    db_session.flush()
    try:
        notify_ticket_graded(ticket, sample)
    except Exception:
        log.exception("grade sms failed")
    return ticket


def reject_load(ticket_id, reason_code, detail=None, user=None):
    ticket = IntakeTicketRepository().get(ticket_id)
    ticket.status = "rejected"
    ticket.closed_at = datetime.utcnow()
    rej = IntakeRejection(ticket_id=ticket.id, reason_code=reason_code, detail=detail, rejected_by=user)
    db_session.add(rej)
    try:
        rej.member_notified = bool(notify_load_rejected(ticket, rej))
    except Exception:
        log.exception("reject sms failed")
    return ticket


def finalize_ticket(ticket_id, bin_code=None, user=None):
    """Close the ticket: put the grain in a bin and assign the price pool."""
    ticket = IntakeTicketRepository().get(ticket_id)
    require(ticket is not None and ticket.status == "graded", "ticket not graded")
    if bin_code:
        bin_ = db_session.query(Bin).filter_by(site_id=ticket.site_id, code=bin_code).one()
    else:
        bin_ = choose_bin_for_grade(ticket.site_id, ticket.commodity, ticket.grade_code, ticket.net_kg)
    receive_into_bin(bin_.id, ticket.dried_kg or ticket.net_kg, ticket.commodity, ticket.grade_code,
                     ref_type="ticket", ref_id=ticket.id)
    ticket.bin_id = bin_.id
    pool = PoolRepository().find_or_create(crop_year_for(ticket.arrived_at), ticket.commodity,
                                           ticket.grade_code)
    ticket.pool_id = pool.id
    ticket.status = "binned"
    ticket.closed_at = datetime.utcnow()
    ticket.updated_by = user
    return ticket


def void_ticket(ticket_id, reason, user=None):
    ticket = IntakeTicketRepository().get(ticket_id)
    if ticket.settlement_run_id:
        raise ConflictError("ticket already settled; raise an adjustment instead")
    if ticket.status == "binned" and ticket.bin_id:
        StockMovementRepository().record(ticket.bin_id, -(ticket.dried_kg or ticket.net_kg), "adjust",
                                         ref_type="ticket_void", ref_id=ticket.id, note=reason)
        b = BinRepository().lock(ticket.bin_id)
        b.current_kg -= ticket.dried_kg or ticket.net_kg
    ticket.status = "void"
    ticket.updated_by = user
    return ticket


def expire_abandoned_tickets(max_age_hours=36):
    cutoff = datetime.utcnow() - timedelta(hours=max_age_hours)
    stale = (db_session.query(IntakeTicket)
             .filter(IntakeTicket.status.in_(("open", "weighed")), IntakeTicket.arrived_at < cutoff)
             .all())
    for t in stale:
        t.status = "void"
        t.updated_by = "system"
    return len(stale)


# ================================================================== bins

def choose_bin_for_grade(site_id, commodity, grade_code, qty_kg):
    """Prefer a bin already holding the same grade with room; else an empty one."""
    bins = BinRepository().bins_at(site_id, commodity)
    same = [b for b in bins if b.commodity == commodity and b.grade_code == grade_code
            and b.free_kg >= qty_kg]
    if same:
        return sorted(same, key=lambda b: b.free_kg)[0]
    empty = [b for b in bins if not b.current_kg and b.free_kg >= qty_kg]
    if empty:
        return sorted(empty, key=lambda b: b.capacity_t)[0]
    raise ServiceError("no bin space for %s %s at site %s" % (commodity, grade_code, site_id),
                       code="NO_SPACE")


def receive_into_bin(bin_id, qty_kg, commodity, grade_code, ref_type=None, ref_id=None):
    b = BinRepository().lock(bin_id)
    if b.current_kg and b.commodity and b.commodity != commodity:
        raise ConflictError("bin %s holds %s" % (b.code, b.commodity))
    if qty_kg > b.free_kg:
        raise ServiceError("bin %s would overflow" % b.code, code="NO_SPACE")
    b.commodity = commodity
    if not b.current_kg:
        b.grade_code = grade_code
    elif b.grade_code != grade_code:
        log.warning("mixing %s into bin %s graded %s", grade_code, b.code, b.grade_code)
    b.current_kg = (b.current_kg or 0) + qty_kg
    StockMovementRepository().record(b.id, qty_kg, "intake", ref_type, ref_id)
    return b


def transfer_between_bins(from_bin_id, to_bin_id, qty_kg, reason, user=None):
    bins = BinRepository()
    src, dst = bins.lock(from_bin_id), bins.lock(to_bin_id)
    require(src.current_kg >= qty_kg, "not enough grain in %s" % src.code)
    require(dst.free_kg >= qty_kg, "not enough room in %s" % dst.code)
    if dst.current_kg and dst.commodity != src.commodity:
        raise ConflictError("cannot mix %s into %s" % (src.commodity, dst.commodity))
    src.current_kg -= qty_kg
    dst.current_kg = (dst.current_kg or 0) + qty_kg
    dst.commodity = src.commodity
    dst.grade_code = dst.grade_code or src.grade_code
    xfer = BinTransfer(from_bin_id=src.id, to_bin_id=dst.id, qty_kg=qty_kg, reason=reason, created_by=user)
    db_session.add(xfer)
    db_session.flush()
    moves = StockMovementRepository()
    moves.record(src.id, -qty_kg, "transfer_out", "transfer", xfer.id)
    moves.record(dst.id, qty_kg, "transfer_in", "transfer", xfer.id)
    if src.current_kg == 0:
        src.grade_code = None
        src.commodity = None
    return xfer


def record_fumigation(bin_id, dose_g_per_t, applicator_licence, pest=None, product="phosphine"):
    require(applicator_licence, "licensed applicator required")
    log_ = FumigationLog(bin_id=bin_id, dose_g_per_t=dose_g_per_t, applied_on=today(),
                         applicator_licence=applicator_licence, pest=pest, product=product,
                         reentry_after=datetime.utcnow() + timedelta(days=5))
    db_session.add(log_)
    return log_


def bin_inventory(site_id=None):
    q = db_session.query(Bin).filter(Bin.out_of_service.is_(False))
    if site_id:
        q = q.filter(Bin.site_id == site_id)
    return [{"bin": b.code, "site": b.site.code, "commodity": b.commodity, "grade": b.grade_code,
             "kg": b.current_kg, "capacity_t": b.capacity_t,
             "fill_pct": round(100.0 * (b.current_kg or 0) / (b.capacity_t * 1000), 1)}
            for b in q.order_by(Bin.site_id, Bin.code).all()]


def reconcile_stock_count(bin_id, measured_kg, method="dipstick", user=None, post=False):
    moves = StockMovementRepository()
    book = moves.book_balance(bin_id)
    count = StockCount(bin_id=bin_id, counted_on=today(), measured_kg=measured_kg, book_kg=book,
                       variance_kg=measured_kg - book, method=method, counted_by=user)
    db_session.add(count)
    db_session.flush()
    if post and count.variance_kg:
        moves.record(bin_id, count.variance_kg, "shrink" if count.variance_kg < 0 else "adjust",
                     "stock_count", count.id, note="count variance")
        b = BinRepository().lock(bin_id)
        b.current_kg = measured_kg
        count.posted = True
    return count
