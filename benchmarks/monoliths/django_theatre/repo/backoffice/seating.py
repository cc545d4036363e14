"""Seat map generation, copying and rendering. Plus availability (sorry)."""
import csv
import io
import string
from collections import OrderedDict, defaultdict

from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape

from backoffice.models import Seat, SeatingPlan, SeatSection

ROW_LETTERS = [c for c in string.ascii_uppercase if c not in "IO"]


def generate_grid_plan(auditorium, name, rows, seats_per_row, sections=None, spacing=24):
    """Build a rectangular plan. sections is a list of (name, code, row_count)."""
    sections = sections or [("Stalls", "ST", rows)]
    with transaction.atomic():
        version = (auditorium.plans.filter(name=name).count() or 0) + 1
        plan = SeatingPlan.objects.create(auditorium=auditorium, name=name, version=version)
        row_index = 0
        for order, (sec_name, code, row_count) in enumerate(sections):
            section = SeatSection.objects.create(plan=plan, name=sec_name, code=code, sort_order=order)
            seats = []
            for r in range(row_count):
                letter = ROW_LETTERS[row_index % len(ROW_LETTERS)]
                for n in range(1, seats_per_row + 1):
                    seats.append(
                        Seat(section=section, row=letter, number=n, x=n * spacing, y=(row_index + 1) * spacing)
                    )
                row_index += 1
            Seat.objects.bulk_create(seats)
    return plan


def copy_plan(plan, new_name=None):
    with transaction.atomic():
        new_plan = SeatingPlan.objects.create(
            auditorium=plan.auditorium,
            name=new_name or plan.name,
            version=plan.version + 1,
            width=plan.width,
            height=plan.height,
            stage_position=plan.stage_position,
        )
        for section in plan.sections.all():
            new_section = SeatSection.objects.create(
                plan=new_plan, name=section.name, code=section.code, colour=section.colour, sort_order=section.sort_order
            )
            Seat.objects.bulk_create(
                [
                    Seat(
                        section=new_section,
                        row=s.row,
                        number=s.number,
                        x=s.x,
                        y=s.y,
                        is_wheelchair=s.is_wheelchair,
                        is_companion=s.is_companion,
                        is_restricted_view=s.is_restricted_view,
                        is_killed=s.is_killed,
                    )
                    for s in section.seats.all()
                ]
            )
    return new_plan


def import_plan_csv(plan, fileobj):
    """CSV columns: section,row,number,x,y,flags  (flags: W=wheelchair C=companion R=restricted K=killed)"""
    data = fileobj.read()
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig")
    sections = {s.code: s for s in plan.sections.all()}
    created = 0
    with transaction.atomic():
        for row in csv.DictReader(io.StringIO(data)):
            code = row["section"].strip().upper()
            section = sections.get(code)
            if section is None:
                section = SeatSection.objects.create(plan=plan, name=code.title(), code=code, sort_order=len(sections))
                sections[code] = section
            flags = (row.get("flags") or "").upper()
            Seat.objects.update_or_create(
                section=section,
                row=row["row"].strip().upper(),
                number=int(row["number"]),
                defaults={
                    "x": int(row.get("x") or 0),
                    "y": int(row.get("y") or 0),
                    "is_wheelchair": "W" in flags,
                    "is_companion": "C" in flags,
                    "is_restricted_view": "R" in flags,
                    "is_killed": "K" in flags,
                },
            )
            created += 1
    return created


def seats_label(seats):
    """[A1, A2, A3, B7] -> 'A1-3, B7'"""
    by_row = OrderedDict()
    for seat in sorted(seats, key=lambda s: (s.row, s.number)):
        by_row.setdefault(seat.row, []).append(seat.number)
    parts = []
    for row, numbers in by_row.items():
        start = prev = numbers[0]
        for n in numbers[1:] + [None]:
            if n is not None and n == prev + 1:
                prev = n
                continue
            parts.append("%s%s" % (row, start) if start == prev else "%s%s-%s" % (row, start, prev))
            if n is not None:
                start = prev = n
    return ", ".join(parts)


def seat_map_json(plan):
    out = {"plan": plan.pk, "width": plan.width, "height": plan.height, "stage": plan.stage_position, "sections": []}
    for section in plan.sections.prefetch_related("seats"):
        out["sections"].append(
            {
                "id": section.pk,
                "name": section.name,
                "colour": section.colour,
                "seats": [
                    {
                        "id": s.pk,
                        "label": "%s%s" % (s.row, s.number),
                        "x": s.x,
                        "y": s.y,
                        "wheelchair": s.is_wheelchair,
                        "restricted": s.is_restricted_view,
                        "killed": s.is_killed,
                    }
                    for s in section.seats.all()
                ],
            }
        )
    return out


def seat_availability(performance):
    """seat_id -> 'sold' | 'held' | 'free' for one performance. Raw SQL because
    the ORM version took 4s on the panto plans."""
    plan = performance.get_seating_plan()
    if plan is None:
        return {}
    sql = """
        SELECT s.id,
               CASE WHEN t.id IS NOT NULL THEN 'sold'
                    WHEN h.id IS NOT NULL AND (h.held_until IS NULL OR h.held_until > %s) THEN 'held'
                    WHEN s.is_killed THEN 'killed'
                    ELSE 'free' END AS state
          FROM seat_map_seat s
          JOIN backoffice_seatsection sec ON sec.id = s.section_id
     LEFT JOIN main_ticket t ON t.seat_id = s.id AND t.performance_id = %s AND t.status IN ('valid', 'scanned')
     LEFT JOIN main_seathold h ON h.seat_id = s.id AND h.performance_id = %s
         WHERE sec.plan_id = %s
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), performance.pk, performance.pk, plan.pk])
        return dict(cursor.fetchall())


def best_available(performance, quantity, section_code=None, allow_restricted=False):
    """Find `quantity` adjacent free seats, front rows first. Returns list of Seat or []."""
    state = seat_availability(performance)
    plan = performance.get_seating_plan()
    seats = Seat.objects.filter(section__plan=plan, is_killed=False, is_wheelchair=False)
    if section_code:
        seats = seats.filter(section__code=section_code)
    if not allow_restricted:
        seats = seats.filter(is_restricted_view=False)
    rows = defaultdict(list)
    for seat in seats.order_by("section__sort_order", "row", "number"):
        if state.get(seat.pk) == "free":
            rows[(seat.section.sort_order, seat.row)].append(seat)
    for key in sorted(rows):
        run = []
        for seat in rows[key]:
            if run and seat.number != run[-1].number + 1:
                run = []
            run.append(seat)
            if len(run) == quantity:
                return run
    return []


class SeatMapRenderer(object):
    """Renders a plan as a bare SVG for the print-at-home tickets and the admin."""

    radius = 9

    def __init__(self, plan, highlight=None, states=None):
        self.plan = plan
        self.highlight = set(highlight or [])
        self.states = states or {}

    def colour_for(self, seat, section):
        if seat.pk in self.highlight:
            return "#e4002b"
        state = self.states.get(seat.pk)
        if state in ("sold", "held", "killed") or seat.is_killed:
            return "#dddddd"
        return section.colour

    def render(self):
        parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d">' % (self.plan.width, self.plan.height)]
        for section in self.plan.sections.prefetch_related("seats"):
            for seat in section.seats.all():
                parts.append(
                    '<circle cx="%d" cy="%d" r="%d" fill="%s"><title>%s</title></circle>'
                    % (seat.x, seat.y, self.radius, self.colour_for(seat, section), escape(seat.label))
                )
        parts.append("</svg>")
        return "\n".join(parts)
