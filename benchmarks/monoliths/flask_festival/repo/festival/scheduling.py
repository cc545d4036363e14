"""Stage scheduling / running orders.

clash detection, changeovers, curfews and the 'publish day' step that
makes slots visible in the app.
"""
import datetime
import logging

from flask import current_app

from festival.extensions import cache, db
from festival.helpers import sets_overlap
from festival.models import (ArtistBooking, Changeover, FestivalDay, PerformanceSlot,
                             Soundcheck, Stage)
from festival.utils.dates import combine, intervals_overlap, parse_hhmm

log = logging.getLogger(__name__)


class ScheduleConflict(Exception):
    def __init__(self, message, slots=None):
        super(ScheduleConflict, self).__init__(message)
        self.slots = slots or []


def slots_for_stage_day(stage_id, day_id):
    return PerformanceSlot.query.filter_by(stage_id=stage_id, day_id=day_id) \
        .filter(PerformanceSlot.status != "pulled") \
        .order_by(PerformanceSlot.start_time).all()


def find_clashes(slot):
    """Same stage overlaps + same artist booked twice at overlapping times."""
    clashes = []
    for other in slots_for_stage_day(slot.stage_id, slot.day_id):
        if other.id != slot.id and sets_overlap(slot, other):
            clashes.append(other)
    if slot.booking_id:
        for other in PerformanceSlot.query.filter_by(booking_id=slot.booking_id).all():
            if other.id != slot.id and intervals_overlap(slot.start_time, slot.end_time,
                                                         other.start_time, other.end_time):
                clashes.append(other)
    return clashes


def changeover_minutes(stage_id, before_slot, after_slot):
    co = Changeover.query.filter_by(stage_id=stage_id, before_slot_id=before_slot.id,
                                    after_slot_id=after_slot.id).first()
    if co is not None:
        return co.minutes
    return current_app.config.get("CHANGEOVER_MINUTES", 30)


def check_changeovers(stage_id, day_id):
    problems = []
    slots = slots_for_stage_day(stage_id, day_id)
    for before, after in zip(slots, slots[1:]):
        gap = (after.start_time - before.end_time).total_seconds() / 60
        needed = changeover_minutes(stage_id, before, after)
        if gap < needed:
            problems.append((before, after, int(gap), needed))
    return problems


def curfew_for(stage, day):
    t = stage.curfew_override or day.music_curfew or parse_hhmm(current_app.config["DEFAULT_CURFEW"])
    return combine(day.date, t.strftime("%H:%M"))


def check_curfew(slot):
    stage = Stage.query.get(slot.stage_id)
    day = FestivalDay.query.get(slot.day_id)
    return slot.end_time <= curfew_for(stage, day)


def place_booking(booking_id, stage_id, day_id, start_hhmm, length_mins=None, force=False):
    booking = ArtistBooking.query.get(booking_id)
    if booking is None or booking.status == "cancelled":
        raise ScheduleConflict("Booking not found or cancelled")
    day = FestivalDay.query.get(day_id)
    start = combine(day.date, start_hhmm)
    length = length_mins or booking.set_length_mins or 60
    slot = PerformanceSlot(stage_id=stage_id, day_id=day_id, booking_id=booking.id,
                           start_time=start, end_time=start + datetime.timedelta(minutes=length),
                           status="confirmed" if booking.status == "confirmed" else "held")
    clashes = find_clashes(slot)
    if clashes and not force:
        raise ScheduleConflict("Clashes with %d slot(s)" % len(clashes), clashes)
    if not check_curfew(slot) and not force:
        raise ScheduleConflict("Runs past curfew")
    db.session.add(slot)
    db.session.commit()
    return slot


def move_slot(slot, new_start_hhmm):
    day = FestivalDay.query.get(slot.day_id)
    length = slot.duration_minutes()
    slot.start_time = combine(day.date, new_start_hhmm)
    slot.end_time = slot.start_time + datetime.timedelta(minutes=length)
    clashes = find_clashes(slot)
    if clashes:
        db.session.rollback()
        raise ScheduleConflict("Move would clash", clashes)
    db.session.commit()
    invalidate_running_order_cache()
    return slot


def auto_soundcheck(slot, minutes=30):
    """Soundchecks run in reverse order from doors; headliner first."""
    start = slot.day.date
    doors = combine(start, (slot.day.gates_open or parse_hhmm("11:00")).strftime("%H:%M"))
    earlier = Soundcheck.query.join(PerformanceSlot).filter(
        PerformanceSlot.stage_id == slot.stage_id, PerformanceSlot.day_id == slot.day_id).count()
    sc = Soundcheck(slot_id=slot.id, duration_mins=minutes,
                    start_time=doors - datetime.timedelta(minutes=minutes * (earlier + 1)))
    db.session.add(sc)
    db.session.commit()
    return sc


@cache.memoize(timeout=120)
def running_order(day_id, include_held=False):
    q = PerformanceSlot.query.filter_by(day_id=day_id)
    if not include_held:
        q = q.filter(PerformanceSlot.status == "published")
    out = {}
    for slot in q.order_by(PerformanceSlot.start_time).all():
        out.setdefault(slot.stage_id, []).append({
            "slot_id": slot.id, "act": slot.act_name,
            "start": slot.start_time.strftime("%H:%M"), "end": slot.end_time.strftime("%H:%M"),
        })
    return out


def invalidate_running_order_cache():
    cache.delete_memoized(running_order)


def publish_day(day_id):
    slots = PerformanceSlot.query.filter_by(day_id=day_id, status="confirmed").all()
    for slot in slots:
        slot.status = "published"
    db.session.commit()
    invalidate_running_order_cache()
    log.info("published %d slots for day %s", len(slots), day_id)
    return len(slots)
