"""Volunteer rota: shift sign-up rules and the auto-assigner.

Rules (from the crew handbook):
  * max 4 shifts per volunteer
  * at least 8 hours between shifts
  * no night shifts for under 21s
  * must total team.hours_required hours to get the deposit back
"""
import csv
import datetime
import io
import logging

from sqlalchemy import func

from festival.extensions import db
from festival.helpers import volunteer_age_on_festival
from festival.models import ShiftSignup, ShiftSlot, Volunteer, VolunteerTeam
from festival.utils.dates import intervals_overlap

log = logging.getLogger(__name__)

MAX_SHIFTS = 4
MIN_REST_HOURS = 8


class RotaError(Exception):
    pass


def active_signups(volunteer):
    return ShiftSignup.query.filter_by(volunteer_id=volunteer.id, cancelled=False) \
        .join(ShiftSlot).order_by(ShiftSlot.starts_at).all()


def can_take_shift(volunteer, slot):
    if volunteer.status != "approved":
        return False, "volunteer not approved"
    if slot.spaces_left() <= 0:
        return False, "shift is full"
    if slot.team_id != volunteer.team_id:
        return False, "wrong team"
    current = active_signups(volunteer)
    if len(current) >= MAX_SHIFTS:
        return False, "already has %d shifts" % MAX_SHIFTS
    age = volunteer_age_on_festival(volunteer)
    if slot.is_night and age is not None and age < 21:
        return False, "night shifts are 21+"
    rest = datetime.timedelta(hours=MIN_REST_HOURS)
    for signup in current:
        other = signup.slot
        if intervals_overlap(slot.starts_at - rest, slot.ends_at + rest,
                             other.starts_at, other.ends_at):
            return False, "too close to another shift"
    return True, None


def sign_up(volunteer, slot):
    ok, reason = can_take_shift(volunteer, slot)
    if not ok:
        raise RotaError(reason)
    signup = ShiftSignup(volunteer_id=volunteer.id, slot_id=slot.id)
    db.session.add(signup)
    db.session.commit()
    return signup


def cancel_signup(signup):
    signup.cancelled = True
    db.session.commit()


def volunteer_hours(volunteer, worked_only=False):
    total = 0.0
    for signup in volunteer.signups.filter_by(cancelled=False):
        if worked_only and not signup.checked_in_at:
            continue
        total += signup.slot.hours
    return total


def met_hours_requirement(volunteer):
    team = volunteer.team
    required = team.hours_required if team else 12
    return volunteer_hours(volunteer, worked_only=True) >= required


def fill_rate_by_team(year):
    rows = db.session.query(
        VolunteerTeam.name, func.sum(ShiftSlot.capacity), func.count(ShiftSignup.id)
    ).join(ShiftSlot, ShiftSlot.team_id == VolunteerTeam.id) \
     .outerjoin(ShiftSignup, (ShiftSignup.slot_id == ShiftSlot.id) & (ShiftSignup.cancelled == False)) \
     .filter(func.extract("year", ShiftSlot.starts_at) == year) \
     .group_by(VolunteerTeam.name).all()
    return [{"team": name, "capacity": int(cap or 0), "filled": int(filled or 0),
             "rate": (float(filled) / cap) if cap else 0.0} for name, cap, filled in rows]


class RotaBuilder(object):
    """Greedy auto-assigner: fills emptiest shifts first with volunteers who
    have the fewest hours. Run by team leads a week out."""

    def __init__(self, team_id):
        self.team_id = team_id
        self.assigned = []
        self.skipped = []

    def open_slots(self):
        slots = ShiftSlot.query.filter_by(team_id=self.team_id).order_by(ShiftSlot.starts_at).all()
        return sorted([s for s in slots if s.spaces_left() > 0], key=lambda s: -s.spaces_left())

    def candidates(self):
        vols = Volunteer.query.filter_by(team_id=self.team_id, status="approved").all()
        return sorted(vols, key=volunteer_hours)

    def run(self, dry_run=False):
        for slot in self.open_slots():
            for volunteer in self.candidates():
                if slot.spaces_left() <= 0:
                    break
                ok, reason = can_take_shift(volunteer, slot)
                if not ok:
                    self.skipped.append((volunteer.id, slot.id, reason))
                    continue
                if not dry_run:
                    db.session.add(ShiftSignup(volunteer_id=volunteer.id, slot_id=slot.id))
                    db.session.flush()
                self.assigned.append((volunteer.id, slot.id))
        if not dry_run:
            db.session.commit()
        log.info("rota team %s: %d assigned, %d skipped", self.team_id,
                 len(self.assigned), len(self.skipped))
        return self.assigned


def export_rota_csv(team_id):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["shift", "starts", "ends", "location", "volunteer", "phone"])
    slots = ShiftSlot.query.filter_by(team_id=team_id).order_by(ShiftSlot.starts_at).all()
    for slot in slots:
        for signup in slot.signups.filter_by(cancelled=False):
            v = signup.volunteer
            writer.writerow([slot.role, slot.starts_at.isoformat(), slot.ends_at.isoformat(),
                             slot.location, v.full_name, v.phone])
    return out.getvalue()
