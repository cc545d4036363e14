import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import CreateView

from common.decorators import json_view, staff_required
from common.forms import AppointmentForm, BayBlockForm, QuickSearchForm, RescheduleForm
from common.models import Appointment, BayBlock, ServiceBay
from common.utils import (estimate_job_minutes, format_date, normalise_reg, parse_date,
                          slot_times_for_day, today)

logger = logging.getLogger('garage.diary')


def healthcheck(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute('SELECT 1')
            cursor.fetchone()
    except Exception as e:  # pragma: no cover
        return HttpResponse('db down: %s' % e, status=503, content_type='text/plain')
    return HttpResponse('ok', content_type='text/plain')


@login_required
def home(request):
    """Front desk landing page: today's diary + a few counters."""
    d = today()
    appts = (Appointment.objects.on_day(d)
             .select_related('customer', 'vehicle', 'bay', 'technician')
             .order_by('starts_at'))
    counts = appts.values('status').annotate(n=Count('id'))
    # TODO: open jobs count used to come from here, moved to shop dashboard
    return render(request, 'common/home.html', {
        'appointments': appts,
        'status_counts': {c['status']: c['n'] for c in counts},
        'search_form': QuickSearchForm(),
        'day': d,
    })


@staff_required
def diary_day(request, date_str=None):
    d = parse_date(date_str) if date_str else today()
    if d is None:
        raise Http404
    bays = ServiceBay.objects.filter(is_active=True)
    appts = Appointment.objects.on_day(d).exclude(status='cancelled').select_related('vehicle', 'customer')
    blocks = BayBlock.objects.filter(starts_at__date__lte=d, ends_at__date__gte=d)
    grid = {}
    for bay in bays:
        grid[bay.pk] = {'bay': bay, 'appointments': [], 'blocks': []}
    for a in appts:
        if a.bay_id in grid:
            grid[a.bay_id]['appointments'].append(a)
    for b in blocks:
        if b.bay_id in grid:
            grid[b.bay_id]['blocks'].append(b)
    return render(request, 'common/diary_day.html', {
        'day': d,
        'prev_day': d - datetime.timedelta(days=1),
        'next_day': d + datetime.timedelta(days=1),
        'grid': list(grid.values()),
        'slots': slot_times_for_day(d),
    })


@staff_required
@json_view
def diary_json(request):
    """Feed for the fullcalendar widget."""
    start = parse_date(request.GET.get('start', '')[:10]) or today()
    end = parse_date(request.GET.get('end', '')[:10]) or start + datetime.timedelta(days=7)
    qs = (Appointment.objects.filter(starts_at__date__gte=start, starts_at__date__lte=end)
          .exclude(status='cancelled')
          .select_related('vehicle', 'customer'))
    colours = {'booked': '#8fb3e8', 'confirmed': '#3a7bd5', 'arrived': '#f0ad4e',
               'converted': '#5cb85c', 'no_show': '#d9534f'}
    return [{
        'id': a.pk,
        'title': '%s %s' % (a.vehicle.registration, a.service_code),
        'start': a.starts_at.isoformat(),
        'end': a.ends_at.isoformat(),
        'resourceId': a.bay_id,
        'color': colours.get(a.status, '#999'),
        'url': reverse('appointment-detail', args=[a.pk]),
    } for a in qs]


def _find_free_bay(starts_at, ends_at, bay_type=None):
    bays = ServiceBay.objects.filter(is_active=True)
    if bay_type:
        bays = bays.filter(bay_type=bay_type)
    for bay in bays:
        if Appointment.objects.overlapping(bay, starts_at, ends_at).exists():
            continue
        if BayBlock.objects.filter(bay=bay, starts_at__lt=ends_at, ends_at__gt=starts_at).exists():
            continue
        return bay
    return None


@staff_required
@json_view
def available_slots(request):
    d = parse_date(request.GET.get('date')) or today()
    service_code = request.GET.get('service', 'FULL')
    minutes = estimate_job_minutes(service_code)
    bay_type = 'mot' if service_code.upper() == 'MOT' else None
    free = []
    for slot in slot_times_for_day(d):
        end = slot + datetime.timedelta(minutes=minutes)
        if _find_free_bay(slot, end, bay_type):
            free.append(slot.strftime('%H:%M'))
    return {'date': format_date(d), 'service': service_code, 'slots': free}


@staff_required
def book_appointment(request):
    from customers.models import Customer, Vehicle  # circular import otherwise

    form = AppointmentForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        reg = form.cleaned_data['registration']
        vehicle = Vehicle.objects.filter(registration=reg).select_related('owner').first()
        if vehicle is None:
            messages.warning(request, 'Unknown vehicle %s - please create the customer first' % reg)
            return redirect('%s?registration=%s' % (reverse('customer-create'), reg))
        appt = form.save(commit=False)
        appt.vehicle = vehicle
        appt.customer = vehicle.owner
        appt.starts_at = form.cleaned_data['starts_at']
        appt.ends_at = form.cleaned_data['ends_at']
        appt.booked_by = request.user
        if appt.bay is None:
            appt.bay = _find_free_bay(appt.starts_at, appt.ends_at)
        appt.save()
        Customer.objects.filter(pk=vehicle.owner_id).update(last_contact_at=timezone.now())
        messages.success(request, 'Booked %s for %s' % (reg, appt.starts_at.strftime('%d/%m %H:%M')))
        return redirect('diary-day', date_str=appt.starts_at.date().isoformat())
    return render(request, 'common/book.html', {'form': form})


@staff_required
def appointment_detail(request, pk):
    appt = get_object_or_404(Appointment.objects.select_related('customer', 'vehicle', 'bay', 'technician'), pk=pk)
    return render(request, 'common/appointment_detail.html', {
        'appt': appt,
        'reminders': appt.reminders.all(),
        'reschedule_form': RescheduleForm(),
    })


@staff_required
def reschedule_appointment(request, pk):
    appt = get_object_or_404(Appointment, pk=pk)
    form = RescheduleForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        d = parse_date(form.cleaned_data['new_date'])
        start = timezone.make_aware(datetime.datetime.combine(d, form.cleaned_data['new_time']))
        duration = appt.ends_at - appt.starts_at
        bay = form.cleaned_data.get('bay') or appt.bay
        if bay and Appointment.objects.overlapping(bay, start, start + duration).exclude(pk=appt.pk).exists():
            messages.error(request, 'Clash in %s' % bay)
        else:
            appt.starts_at = start
            appt.ends_at = start + duration
            appt.bay = bay
            appt.status = 'booked'
            appt.save()
            appt.reminders.all().delete()  # so they get re-sent
            if form.cleaned_data.get('notify_customer'):
                from common.tasks import send_single_reminder
                send_single_reminder.delay(appt.pk, 'email')
            messages.success(request, 'Rescheduled')
            return redirect('appointment-detail', pk=appt.pk)
    return render(request, 'common/reschedule.html', {'appt': appt, 'form': form})


@staff_required
def cancel_appointment(request, pk):
    appt = get_object_or_404(Appointment, pk=pk)
    if request.method == 'POST':
        if not appt.can_cancel() and not request.user.is_superuser:
            messages.error(request, 'Too late to cancel this one')
        else:
            Appointment.objects.filter(pk=pk).update(status='cancelled')
            messages.info(request, 'Cancelled')
    return redirect('appointment-detail', pk=pk)


@staff_required
def mark_arrived(request, pk):
    Appointment.objects.filter(pk=pk, status__in=['booked', 'confirmed']).update(status='arrived')
    return redirect('diary-day')


@staff_required
def check_in_appointment(request, pk):
    """Customer has handed over the keys: open a job card from the booking."""
    from shop.services import open_work_order_from_appointment

    appt = get_object_or_404(Appointment.objects.select_related('vehicle', 'customer'), pk=pk)
    if appt.status == 'converted':
        messages.info(request, 'Already checked in')
        return redirect('workorder-list')
    with transaction.atomic():
        mileage = request.POST.get('mileage')
        wo = open_work_order_from_appointment(appt, opened_by=request.user, mileage=mileage)
        appt.status = 'converted'
        appt.save(update_fields=['status', 'updated_at'])
    return redirect('workorder-detail', pk=wo.pk)


class BayBlockCreateView(CreateView):
    model = BayBlock
    form_class = BayBlockForm
    template_name = 'common/bayblock_form.html'
    success_url = reverse_lazy('diary-day')

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        resp = super(BayBlockCreateView, self).form_valid(form)
        clashes = Appointment.objects.filter(
            bay=form.instance.bay,
            starts_at__lt=form.instance.ends_at,
            ends_at__gt=form.instance.starts_at,
        ).exclude(status='cancelled')
        if clashes.exists():
            messages.warning(self.request, '%d appointment(s) need moving!' % clashes.count())
        return resp


@login_required
def global_search(request):
    """Search box in the navbar. Reg plate, surname, phone, invoice or job number."""
    from customers.models import Customer, Vehicle

    form = QuickSearchForm(request.GET or None)
    results = {'customers': [], 'vehicles': [], 'raw': []}
    if form.is_valid() and form.cleaned_data['q']:
        q = form.cleaned_data['q']
        reg = normalise_reg(q)
        results['vehicles'] = Vehicle.objects.filter(registration__startswith=reg).select_related('owner')[:20]
        results['customers'] = Customer.objects.filter(
            Q(last_name__icontains=q) | Q(phone__contains=q) | Q(email__iexact=q)
        )[:20]
        if q.upper().startswith(('INV-', 'WO-')):
            # invoice / job number typed in - jump straight there
            prefix, _, num = q.upper().partition('-')
            if num.isdigit():
                target = 'invoice-detail' if prefix == 'INV' else 'workorder-detail'
                return redirect(target, pk=int(num))
    return render(request, 'common/search.html', {'form': form, 'results': results})
