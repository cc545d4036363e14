import datetime
from decimal import Decimal

from django.db.models import Sum

from staff.models import LeaveRequest, Shift, StaffMember, TimesheetEntry

DEFAULT_POSTS = {
    'office': ('08:30', '17:00'),
    'fuel dock': ('08:00', '18:00'),
    'yard': ('07:30', '16:00'),
    'gate': ('18:00', '06:00'),
}


def _t(s):
    return datetime.datetime.strptime(s, '%H:%M').time()


def on_leave(staff, day):
    return LeaveRequest.objects.filter(staff=staff, approved=True, start__lte=day, end__gte=day).exists()


def assign_shift(staff, day, post, start=None, end=None, note=''):
    if on_leave(staff, day):
        raise ValueError('%s is on leave %s' % (staff, day))
    s, e = DEFAULT_POSTS.get(post, ('09:00', '17:00'))
    return Shift.objects.create(staff=staff, date=day, post=post, start=start or _t(s), end=end or _t(e), note=note)


def build_week_rota(monday, pattern):
    """pattern: {post: [staff_id, ...] } - rotates through list by weekday."""
    created = []
    for i in range(7):
        day = monday + datetime.timedelta(days=i)
        for post, ids in pattern.items():
            if not ids:
                continue
            staff = StaffMember.objects.get(pk=ids[i % len(ids)])
            if Shift.objects.filter(staff=staff, date=day).exists() or on_leave(staff, day):
                continue
            created.append(assign_shift(staff, day, post))
    return created


def approve_leave(req, manager, approved=True):
    req.approved = approved
    req.approved_by = manager
    req.save()
    if approved:
        Shift.objects.filter(staff=req.staff, date__gte=req.start, date__lte=req.end).delete()


def shifts_for_day(day):
    return Shift.objects.filter(date=day).select_related('staff')


def hours_worked(staff, start, end):
    total = TimesheetEntry.objects.filter(staff=staff, date__gte=start, date__lte=end).aggregate(h=Sum('hours'))['h']
    return total or Decimal('0')
