import datetime
from collections import defaultdict

from django.db import transaction

from accounts.models import LeaveRequest, Shift, StaffMember
from utils.dates import daterange, week_start


class RotaGrid(object):
    def __init__(self, practice, start):
        self.practice = practice
        self.start = week_start(start)
        self.days = [self.start + datetime.timedelta(days=i) for i in range(7)]
        self.rows = defaultdict(dict)

    def load(self):
        shifts = Shift.objects.filter(practice=self.practice, date__gte=self.days[0],
                                      date__lte=self.days[-1]).select_related('staff', 'chair')
        for s in shifts:
            self.rows[s.staff].setdefault(s.date, []).append(s)
        leave = LeaveRequest.objects.filter(staff__practice=self.practice, status='approved',
                                            start_date__lte=self.days[-1], end_date__gte=self.days[0])
        for lr in leave:
            for d in daterange(max(lr.start_date, self.days[0]), min(lr.end_date, self.days[-1])):
                self.rows[lr.staff][d] = 'LEAVE'
        return self


def build_week_rota(practice, start):
    return RotaGrid(practice, start).load()


def staff_on_leave(day):
    return StaffMember.objects.filter(leave_requests__status='approved', leave_requests__start_date__lte=day,
                                      leave_requests__end_date__gte=day)


def clinicians_on_duty(practice, day):
    on_leave = staff_on_leave(day).values_list('pk', flat=True)
    ids = (Shift.objects.filter(practice=practice, date=day, shift_type='clinical')
           .exclude(staff_id__in=on_leave).values_list('staff_id', flat=True))
    return list(StaffMember.objects.filter(pk__in=ids, is_clinician=True, active=True))


def check_rota_conflicts(practice, start, end):
    problems = []
    for d in daterange(start, end):
        by_chair = defaultdict(list)
        for s in Shift.objects.filter(practice=practice, date=d).exclude(chair=None):
            by_chair[s.chair_id].append(s)
        for chair_id, shifts in by_chair.items():
            shifts.sort(key=lambda s: s.start_time)
            for a, b in zip(shifts, shifts[1:]):
                if b.start_time < a.end_time:
                    problems.append((d, 'chair %s double booked: %s / %s' % (chair_id, a.staff, b.staff)))
        for s in Shift.objects.filter(practice=practice, date=d, staff__in=staff_on_leave(d)):
            problems.append((d, '%s rostered while on leave' % s.staff))
    return problems


@transaction.atomic
def copy_rota_forward(practice, from_week, weeks=1):
    src_start = week_start(from_week)
    src = list(Shift.objects.filter(practice=practice, date__gte=src_start,
                                    date__lt=src_start + datetime.timedelta(days=7)))
    created = 0
    for w in range(1, weeks + 1):
        offset = datetime.timedelta(days=7 * w)
        for s in src:
            _, made = Shift.objects.get_or_create(staff=s.staff, practice=practice, date=s.date + offset,
                                                  start_time=s.start_time, defaults={
                                                      'end_time': s.end_time, 'chair': s.chair,
                                                      'shift_type': s.shift_type})
            created += int(made)
    return created


def approve_leave(leave, approver):
    from django.utils import timezone
    from office.booking import bulk_cancel_for_leave
    leave.status = 'approved'
    leave.approved_by = approver
    leave.decided_on = timezone.now()
    leave.save()
    Shift.objects.filter(staff=leave.staff, date__gte=leave.start_date, date__lte=leave.end_date).delete()
    return bulk_cancel_for_leave(leave.staff, leave.start_date, leave.end_date)
