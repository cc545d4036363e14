import base64
import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.base import ContentFile
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from accounts.decorators import practice_required
from clinic import charting
from clinic.forms import ChartEntryForm, ClinicalNoteForm, ConsentSignForm, LabOrderForm
from clinic.helpers import lab_due_date, lab_instructions_template
from clinic.lab_portal import push_lab_order
from clinic.models import ChartEntry, ClinicalNote, LabOrder, LabShipment, Procedure
from core.models import Patient
from misc.reports import lab_turnaround_report
from office.models import Appointment


@login_required
def chart_view(request, patient_id):
    patient = get_object_or_404(Patient, pk=patient_id)
    return render(request, 'clinic/chart.html', {
        'patient': patient, 'chart': charting.current_chart(patient),
        'planned': ChartEntry.objects.filter(patient=patient, status='planned').select_related('procedure'),
        'procedures': Procedure.objects.filter(is_active=True),
        'radiographs': patient.radiographs.order_by('-taken_on')[:20],
        'form': ChartEntryForm(),
    })


@login_required
@require_POST
def chart_entry_add(request, patient_id):
    patient = get_object_or_404(Patient, pk=patient_id)
    form = ChartEntryForm(request.POST)
    if form.is_valid():
        cd = form.cleaned_data
        appt = Appointment.objects.filter(pk=request.POST.get('appointment')).first()
        charting.add_chart_entry(patient, cd.get('procedure'), cd.get('tooth'), cd.get('surfaces'), cd['status'],
                                 dentist=request.user.staff, appointment=appt,
                                 condition_code=cd.get('condition_code', ''), notes=cd.get('notes', ''))
    else:
        messages.error(request, form.errors.as_text())
    return redirect('clinic:chart', patient_id=patient.pk)


@login_required
@require_POST
def complete_procedure_view(request, pk):
    entry = get_object_or_404(ChartEntry, pk=pk)
    appt = Appointment.objects.filter(pk=request.POST.get('appointment')).first()
    charting.complete_procedure(entry, request.user.staff, appointment=appt)
    return redirect('clinic:chart', patient_id=entry.patient_id)


@login_required
def clinical_note_create(request, patient_id):
    patient = get_object_or_404(Patient, pk=patient_id)
    tmpl = request.GET.get('template')
    initial = {'body': charting.note_from_template(tmpl, **request.GET.dict()), 'template_used': tmpl} if tmpl else {}
    form = ClinicalNoteForm(request.POST or None, initial=initial)
    if request.method == 'POST' and form.is_valid():
        appt = Appointment.objects.filter(pk=request.POST.get('appointment')).first()
        note = charting.create_note(patient, request.user.staff, form.cleaned_data['body'], appointment=appt,
                                    template_used=form.cleaned_data.get('template_used') or '')
        if request.POST.get('sign'):
            note.sign(request.user.staff)
        return redirect('clinic:chart', patient_id=patient.pk)
    return render(request, 'clinic/note_form.html', {'form': form, 'patient': patient})


@login_required
@require_POST
def sign_note(request, pk):
    note = get_object_or_404(ClinicalNote, pk=pk)
    try:
        note.sign(request.user.staff)
    except ValueError as e:
        messages.error(request, str(e))
    return redirect('clinic:chart', patient_id=note.patient_id)


@login_required
def consent_sign(request, patient_id):
    patient = get_object_or_404(Patient, pk=patient_id)
    form = ConsentSignForm(request.POST or None)
    form.fields['plan'].queryset = patient.treatment_plans.all()
    if request.method == 'POST' and form.is_valid():
        consent = form.save(commit=False)
        consent.patient = patient
        consent.witnessed_by = request.user.staff
        data = form.cleaned_data['signature_data'].split(',', 1)[-1]
        consent.signature.save('%s.png' % uuid.uuid4().hex, ContentFile(base64.b64decode(data)), save=False)
        consent.save()
        messages.success(request, 'Consent recorded')
        return redirect('core:patient_detail', pk=patient.pk)
    return render(request, 'clinic/consent.html', {'form': form, 'patient': patient})


# ---------------------------------------------------------------- lab work

@login_required
@practice_required
def lab_order_list(request):
    status = request.GET.get('status')
    qs = LabOrder.objects.filter(practice=request.practice).select_related('patient', 'lab', 'fit_appointment')
    if status == 'overdue':
        qs = qs.filter(status__in=['sent', 'in_progress'], due_on__lt=timezone.localdate())
    elif status:
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status__in=['fitted', 'cancelled'])
    today = timezone.localdate()
    turnaround = lab_turnaround_report(today - datetime.timedelta(days=90), today)
    return render(request, 'clinic/lab_orders.html', {'orders': qs.order_by('due_on'), 'turnaround': turnaround})


@login_required
@practice_required
def lab_order_create(request, patient_id):
    patient = get_object_or_404(Patient, pk=patient_id)
    form = LabOrderForm(request.POST or None)
    form.fields['fit_appointment'].queryset = patient.appointments.filter(start__gte=timezone.now())
    if request.method == 'POST' and form.is_valid():
        order = form.save(commit=False)
        order.patient = patient
        order.dentist = request.user.staff
        order.practice = request.practice
        order.chart_entry_id = request.POST.get('chart_entry') or None
        if not order.instructions:
            order.instructions = lab_instructions_template(order.work_type, order.shade, order.material)
        if request.POST.get('send'):
            order.status = 'sent'
            order.sent_on = timezone.localdate()
            order.due_on = lab_due_date(order.lab, order.sent_on, order.work_type)
        order.save()
        if order.status == 'sent':
            push_lab_order(order)
        return redirect('clinic:lab_orders')
    return render(request, 'clinic/lab_order_form.html', {'form': form, 'patient': patient})


@login_required
@require_POST
def lab_order_receive(request, pk):
    order = get_object_or_404(LabOrder, pk=pk)
    LabOrder.objects.filter(pk=pk).update(status='received', received_on=timezone.localdate())
    LabShipment.objects.filter(order=order, direction='in', delivered_on=None).update(
        delivered_on=timezone.localdate())
    if order.fit_appointment and order.fit_appointment.start.date() < timezone.localdate():
        messages.warning(request, 'Fit appointment has already passed - rebook the patient')
    return redirect('clinic:lab_orders')


class LabOrderUpdateView(UpdateView):
    model = LabOrder
    form_class = LabOrderForm
    template_name = 'clinic/lab_order_form.html'

    def form_valid(self, form):
        if form.instance.status == 'remake':
            form.instance.due_on = lab_due_date(form.instance.lab, timezone.localdate(), form.instance.work_type)
        return super().form_valid(form)

    def get_success_url(self):
        return '/clinic/lab/'
