"""Attendance rules. Anything that writes AttendanceRecord should go through here."""
import datetime
import logging

from django.conf import settings
from django.db import transaction

from common.dates import school_days_between, today
from common.exceptions import Locked
from common.formatting import percent
from attendance.models import AbsenceCode, AttendanceRecord, DailySummary

log = logging.getLogger(__name__)


def is_locked(day):
    """Registers older than ATTENDANCE_LOCK_DAYS school days can only be changed by the office."""
    return (today() - day).days > settings.ATTENDANCE_LOCK_DAYS


def mark(student, day, status, section=None, code=None, by=None, source="teacher",
         minutes_late=0, note="", force=False):
    if is_locked(day) and not force:
        raise Locked("Attendance for %s is locked" % day)
    if isinstance(code, str):
        code = AbsenceCode.objects.filter(code=code).first()
    record, _ = AttendanceRecord.objects.update_or_create(
        student=student, date=day, section=section,
        defaults={"status": status, "code": code, "recorded_by": by, "source": source,
                  "minutes_late": minutes_late, "note": note})
    return record


@transaction.atomic
def take_register(section, day, marks, by):
    """``marks`` is {student_id: (status, code, minutes_late)} from the register form.
    Students not in ``marks`` are marked present."""
    saved = []
    for student in section.roster():
        status, code, minutes = marks.get(student.id, ("P", None, 0))
        saved.append(mark(student, day, status, section=section, code=code, by=by,
                          minutes_late=minutes or 0))
    return saved


def register_taken(section, day):
    return AttendanceRecord.objects.filter(section=section, date=day, source="teacher").exists()


def absences_for(student, start, end, unexcused_only=False):
    qs = AttendanceRecord.objects.for_student(student).between(start, end)
    qs = qs.unexcused() if unexcused_only else qs.absences()
    return qs.select_related("code", "section__course")


def day_counts(student, start, end):
    """(days absent, days tardy) for report cards."""
    qs = DailySummary.objects.filter(student=student, date__gte=start, date__lte=end)
    return qs.filter(status="absent").count(), qs.filter(tardy=True).count()


def attendance_rate(student, start, end):
    summaries = DailySummary.objects.filter(student=student, date__gte=start, date__lte=end).exclude(status="ne")
    total = summaries.count()
    if not total:
        return None
    absent = summaries.filter(status="absent").count() + 0.5 * summaries.filter(status="half").count()
    return percent(total - absent, total)


def section_attendance_rate(student, section, start=None, end=None):
    """Share of a section's meetings the student was in the room for (used by participation grades)."""
    start = start or section.term.start_date
    end = end or min(today(), section.term.end_date)
    records = AttendanceRecord.objects.filter(student=student, section=section, date__gte=start, date__lte=end)
    total = records.exclude(status="N").count()
    if not total:
        return None
    return percent(total - records.filter(status="A").count(), total)


def recompute_daily_summary(student, day):
    records = list(AttendanceRecord.objects.filter(student=student, date=day).select_related("code"))
    if not records:
        return None
    if all(r.status == "N" for r in records):
        status = "ne"
    else:
        counted = [r for r in records if r.status != "N"]
        absent = [r for r in counted if r.status == "A"]
        if len(absent) == len(counted):
            status = "absent"
        elif len(absent) >= settings.HALF_DAY_PERIODS:
            status = "half"
        else:
            status = "present"
    summary, _ = DailySummary.objects.update_or_create(
        student=student, date=day,
        defaults={"status": status,
                  "periods_absent": len([r for r in records if r.status == "A"]),
                  "periods_total": len(records),
                  "excused": all(r.is_excused for r in records if r.status == "A"),
                  "tardy": any(r.status == "T" for r in records)})
    return summary


def backfill_not_enrolled(student, section, start, until):
    """Late enrolment: the days before the student joined are 'N' for state reporting."""
    created = 0
    for day in school_days_between(start, until - datetime.timedelta(days=1)):
        _, was_created = AttendanceRecord.objects.get_or_create(
            student=student, date=day, section=section,
            defaults={"status": "N", "source": "system"})
        created += was_created
    return created


def void_future_records(student, section, after):
    """Dropped from a section: records dated after the drop were entered by mistake."""
    n = AttendanceRecord.objects.filter(student=student, section=section, date__gt=after).delete()[0]
    if n:
        log.info("voided %d attendance records for %s in %s", n, student.id, section.id)
    return n


def unexplained_absences(day, school=None):
    qs = (AttendanceRecord.objects.filter(date=day, status="A", code__isnull=True)
          .select_related("student"))
    if school is not None:
        qs = qs.filter(student__school=school)
    return sorted(set(r.student for r in qs), key=lambda s: s.last_name)


def apply_absence_note(note, by=None):
    """A guardian's absence note (portal) excuses the absences it covers."""
    code = note.code or AbsenceCode.objects.get(code="EXC")
    updated = 0
    for record in AttendanceRecord.objects.filter(student=note.student, date__gte=note.date_from,
                                                  date__lte=note.date_to, status="A"):
        record.code = code
        record.recorded_by = by
        record.note = ("parent note #%s" % note.id)[:200]
        record.save()
        updated += 1
    for day in school_days_between(note.date_from, note.date_to):
        recompute_daily_summary(note.student, day)
    return updated
