import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from accounts.decorators import practice_required, role_required
from accounts.models import StaffMember
from clinic.models import ChartEntry
from core.models import Patient
from core.services import build_claim_from_invoice
from office import booking, invoicing
from office.forms import AppointmentForm, InvoiceLineForm, WaitingListForm
from office.models import Appointment, Invoice, Recall, WaitingListEntry
from utils.dates import parse_date_loose, today_local, week_start
from utils.pdf import PdfResponse, render_pdf


@login_required
@practice_required
def diary_day(request, day=None):
    day = parse_date_loose(day) or today_local()
    practice = request.practice
    appts = (Appointment.objects.filter(practice=practice).on_day(day).exclude(status='cancelled')
             .select_related('patient', 'clinician', 'chair', 'appt_type'))
    clinicians = StaffMember.objects.filter(practice=practice, is_clinician=True, active=True)
    return render(request, 'office/diary_day.html', {
        'day': day, 'appointments': appts, 'clinicians': clinicians,
        'prev': day - datetime.timedelta(days=1), 'next': day + datetime.timedelta(days=1),
    })


@login_required
@practice_required
def diary_week(request):
    start = week_start(parse_date_loose(request.GET.get('d')) or today_local())
    end = start + datetime.timedelta(days=6)
    clinician = request.GET.get('clinician')
    qs = Appointment.objects.filter(practice=request.practice, start__date__gte=start, start__date__lte=end)
    if clinician:
        qs = qs.filter(clinician_id=clinician)
    return render(request, 'office/diary_week.html', {'start': start, 'appointments': qs.active()})


@login_required
@practice_required
def book_appointment(request):
    form = AppointmentForm(request.POST or None, practice=request.practice,
                           initial={'patient': request.GET.get('patient')})
    if request.method == 'POST' and form.is_valid():
        cd = form.cleaned_data
        try:
            appt = booking.book(cd['patient'], request.practice, cd['clinician'], cd['appt_type'], cd['start'],
                                minutes=cd.get('minutes'), booked_by=request.user.staff, notes=cd['notes'],
                                chair=cd.get('chair'))
        except booking.BookingError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, 'Booked %s' % appt)
            return redirect('office:diary_day', day=appt.start.date().isoformat())
    return render(request, 'office/book.html', {'form': form})


@login_required
@require_POST
def move_appointment(request, pk):
    appt = get_object_or_404(Appointment, pk=pk)
    new_start = parse_datetime(request.POST.get('new_start', ''))
    if new_start is None:
        return JsonResponse({'ok': False, 'error': 'bad new_start'}, status=400)
    if timezone.is_naive(new_start):
        new_start = timezone.make_aware(new_start)
    clinician = None
    if request.POST.get('clinician_id'):
        clinician = get_object_or_404(StaffMember, pk=request.POST['clinician_id'])
    try:
        booking.reschedule(appt, new_start, clinician=clinician)
    except booking.BookingError as e:
        return JsonResponse({'ok': False, 'error': str(e)}, status=409)
    return JsonResponse({'ok': True})


@login_required
@require_POST
def cancel_appointment(request, pk):
    appt = get_object_or_404(Appointment, pk=pk)
    booking.cancel(appt, request.POST.get('reason', ''), by_patient=request.POST.get('by') != 'practice')
    if request.POST.get('waitlist'):
        WaitingListEntry.objects.create(patient=appt.patient, practice=appt.practice, appt_type=appt.appt_type,
                                        clinician=appt.clinician, notes='Cancelled %s' % appt.start.date())
    return HttpResponseRedirect(request.META.get('HTTP_REFERER') or reverse('office:diary_day'))


@login_required
@require_POST
def check_in(request, pk):
    appt = get_object_or_404(Appointment, pk=pk)
    Appointment.objects.filter(pk=pk).update(status='arrived', arrived_at=timezone.now())
    if appt.patient.has_medical_alert():
        messages.warning(request, 'Medical alert for %s - please review history' % appt.patient.full_name)
    return redirect('office:diary_day', day=appt.start.date().isoformat())


@login_required
@practice_required
def waiting_list(request):
    form = WaitingListForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        entry = form.save(commit=False)
        entry.practice = request.practice
        entry.save()
        return redirect('office:waiting_list')
    entries = WaitingListEntry.objects.filter(practice=request.practice, resolved=False).order_by('priority',
                                                                                                 'added_on')
    return render(request, 'office/waiting_list.html', {'entries': entries, 'form': form})


@login_required
@practice_required
def recall_list(request):
    horizon = today_local() + datetime.timedelta(days=int(request.GET.get('days', 30)))
    recalls = (Recall.objects.filter(patient__practice=request.practice, status='pending', due_date__lte=horizon)
               .select_related('patient').order_by('due_date'))
    return render(request, 'office/recalls.html', {'recalls': recalls, 'horizon': horizon})


# ---------------------------------------------------------------- invoices

class InvoiceSearchView(ListView):
    model = Invoice
    paginate_by = 50
    template_name = 'office/invoice_list.html'

    def get_queryset(self):
        qs = Invoice.objects.select_related('patient').filter(practice=self.request.practice)
        q = self.request.GET.get('q')
        if q:
            qs = qs.filter(Q(number__icontains=q) | Q(patient__last_name__icontains=q))
        status = self.request.GET.get('status')
        if status:
            qs = qs.filter(status=status)
        return qs


@login_required
def invoice_detail(request, pk):
    inv = get_object_or_404(Invoice.objects.select_related('patient', 'practice'), pk=pk)
    form = InvoiceLineForm(request.POST or None)
    if request.method == 'POST' and inv.status == 'draft' and form.is_valid():
        line = form.save(commit=False)
        line.invoice = inv
        line.save()
        invoicing.recalculate_invoice(inv)
        return redirect('office:invoice_detail', pk=inv.pk)
    return render(request, 'office/invoice_detail.html', {
        'invoice': inv, 'lines': inv.lines.all(), 'payments': inv.payments.all(), 'form': form,
        'claims': inv.claims.all(),
    })


@login_required
@practice_required
@require_POST
def create_invoice_for_appointment(request, appt_id):
    appt = get_object_or_404(Appointment, pk=appt_id, practice=request.practice)
    existing = appt.invoices.exclude(status='void').first()
    if existing:
        return redirect('office:invoice_detail', pk=existing.pk)
    policy = appt.patient.policies.filter(is_primary=True).first()
    inv = invoicing.create_invoice(appt.patient, appt.practice, appointment=appt)
    for entry in ChartEntry.objects.filter(appointment=appt, status='completed', invoiced=False):
        invoicing.add_line_for_procedure(inv, entry, policy.company if policy else None)
        ChartEntry.objects.filter(pk=entry.pk).update(invoiced=True)
    invoicing.issue_invoice(inv)
    if policy and policy.is_valid_on(appt.start.date()):
        build_claim_from_invoice(inv, policy)
    return redirect('office:invoice_detail', pk=inv.pk)


@login_required
def invoice_pdf(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)
    pdf = render_pdf('office/invoice_pdf.html', {'invoice': inv, 'lines': inv.lines.all()})
    return PdfResponse(pdf, filename='%s.pdf' % inv.number)


@login_required
@role_required('manager', 'billing')
def void_invoice(request, pk):
    inv = get_object_or_404(Invoice, pk=pk)
    reason = request.POST.get('reason', '').strip()
    if request.method == 'POST' and reason:
        try:
            invoicing.void_invoice(inv, reason[:200], by=request.user.staff)
        except ValueError as e:
            messages.error(request, str(e))
        return redirect('office:invoice_detail', pk=inv.pk)
    return render(request, 'office/invoice_void.html', {'invoice': inv})


@login_required
def patient_invoices(request, patient_id):
    patient = get_object_or_404(Patient, pk=patient_id)
    invoices = Invoice.objects.filter(patient=patient).exclude(status='void')
    return render(request, 'office/patient_invoices.html', {'patient': patient, 'invoices': invoices,
                                                            'balance': patient.balance()})
