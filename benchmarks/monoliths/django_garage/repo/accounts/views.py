import datetime
import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accounts.models import LeaveRequest, Shift, Technician, TimeEntry, technician_for_user, technicians_on_shift
from common.decorators import json_view, manager_required, staff_required
from common.utils import daterange, parse_date, today

logger = logging.getLogger('garage.staff')


class GarageLoginView(auth_views.LoginView):
    template_name = 'accounts/login.html'
    redirect_authenticated_user = True

    def form_valid(self, form):
        resp = super(GarageLoginView, self).form_valid(form)
        logger.info('login: %s from %s', form.get_user().username, self.request.META.get('REMOTE_ADDR'))
        return resp


def logout_view(request):
    from django.contrib.auth import logout
    logout(request)
    return redirect('login')


@staff_required
def technician_list(request):
    techs = Technician.objects.select_related('user').prefetch_related('certifications').order_by('branch_code')
    return render(request, 'accounts/technician_list.html', {'technicians': techs, 'today': today()})


@staff_required
def rota_week(request, start=None):
    start = parse_date(start) if start else today()
    start = start - datetime.timedelta(days=start.weekday())
    days = list(daterange(start, start + datetime.timedelta(days=5)))
    techs = Technician.objects.filter(is_active=True).select_related('user')
    shifts = Shift.objects.filter(date__range=(days[0], days[-1])).select_related('technician')
    leave = LeaveRequest.objects.filter(status='approved', date_from__lte=days[-1], date_to__gte=days[0])
    grid = {t.pk: {d: None for d in days} for t in techs}
    for s in shifts:
        if s.technician_id in grid:
            grid[s.technician_id][s.date] = s
    for l in leave:
        for d in days:
            if l.date_from <= d <= l.date_to and l.technician_id in grid:
                grid[l.technician_id][d] = l
    return render(request, 'accounts/rota.html', {'days': days, 'techs': techs, 'grid': grid,
                                                  'prev': start - datetime.timedelta(days=7),
                                                  'next': start + datetime.timedelta(days=7)})


@manager_required
def shift_save(request):
    tech = get_object_or_404(Technician, pk=request.POST.get('technician'))
    d = parse_date(request.POST.get('date'))
    if not d:
        return HttpResponseBadRequest('date')
    Shift.objects.update_or_create(
        technician=tech, date=d, starts=request.POST.get('starts', '08:00'),
        defaults={'ends': request.POST.get('ends', '17:00'), 'shift_type': request.POST.get('shift_type', 'full'),
                  'branch_code': tech.branch_code})
    return redirect('rota-week')


@login_required
def clock_in(request):
    tech = technician_for_user(request.user)
    if tech is None:
        messages.error(request, 'You are not set up as a technician')
        return redirect('home')
    if TimeEntry.objects.filter(technician=tech, clock_out__isnull=True).exists():
        messages.warning(request, 'Already clocked in')
    else:
        TimeEntry.objects.create(technician=tech, clock_in=timezone.now())
    return redirect('job-board')


@login_required
def clock_out(request):
    tech = technician_for_user(request.user)
    TimeEntry.objects.filter(technician=tech, clock_out__isnull=True).update(clock_out=timezone.now())
    return redirect('job-board')


@json_view
def kiosk_clock(request):
    """The tablet by the workshop door: PIN in, toggles clock in/out."""
    pin = (request.json or {}).get('pin') if request.method == 'POST' else None
    tech = Technician.objects.filter(clock_pin=pin, is_active=True).first() if pin else None
    if tech is None:
        return {'ok': False}
    open_entry = TimeEntry.objects.filter(technician=tech, clock_out__isnull=True).first()
    if open_entry:
        open_entry.clock_out = timezone.now()
        open_entry.save(update_fields=['clock_out'])
        return {'ok': True, 'state': 'out', 'name': str(tech)}
    TimeEntry.objects.create(technician=tech, clock_in=timezone.now())
    return {'ok': True, 'state': 'in', 'name': str(tech)}


@login_required
def my_timesheet(request):
    tech = technician_for_user(request.user)
    since = today() - datetime.timedelta(days=28)
    entries = TimeEntry.objects.filter(technician=tech, clock_in__date__gte=since) if tech else []
    return render(request, 'accounts/timesheet.html', {'entries': entries, 'tech': tech})


@login_required
def leave_request_create(request):
    tech = technician_for_user(request.user)
    if request.method == 'POST' and tech:
        df, dt = parse_date(request.POST.get('date_from')), parse_date(request.POST.get('date_to'))
        if df and dt and df <= dt:
            LeaveRequest.objects.create(technician=tech, kind=request.POST.get('kind', 'holiday'),
                                        date_from=df, date_to=dt, comment=request.POST.get('comment', ''))
            messages.success(request, 'Request sent to your manager')
        else:
            messages.error(request, 'Check the dates')
    return redirect('my-timesheet')


@manager_required
def leave_decide(request, pk):
    lr = get_object_or_404(LeaveRequest, pk=pk, status='pending')
    decision = request.POST.get('decision')
    if decision in ('approved', 'rejected'):
        lr.status = decision
        lr.decided_by = request.user
        lr.save()
        if decision == 'approved':
            Shift.objects.filter(technician=lr.technician, date__range=(lr.date_from, lr.date_to)).delete()
    return redirect('rota-week')


@staff_required
@json_view
def available_technicians_json(request):
    """Used by the booking form to fill the technician dropdown."""
    d = parse_date(request.GET.get('date')) or today()
    cert = request.GET.get('cert')
    techs = technicians_on_shift(d, request.GET.get('branch'))
    if cert:
        techs = techs.filter(certifications__kind=cert, certifications__expires_on__gte=d)
    return [{'id': t.pk, 'name': str(t), 'grade': t.grade} for t in techs.select_related('user')]
