import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.decorators import practice_required, role_required
from clinic.models import Procedure
from core import services
from core.forms import (ClaimFilterForm, InsurancePolicyForm, MedicalHistoryForm, PatientForm, TreatmentPlanForm,
                        TreatmentPlanItemForm)
from core.claims_edi import import_835
from core.models import InsuranceClaim, InsurancePolicy, MedicalHistory, Patient, PatientContact, TreatmentPlan
from utils.decorators import ajax_required
from utils.pdf import PdfResponse, render_pdf


@login_required
@practice_required
def patient_list(request):
    qs = Patient.objects.for_practice(request.practice).active()
    q = request.GET.get('q')
    if q:
        qs = qs.search(q)
    page = Paginator(qs, 50).get_page(request.GET.get('page'))
    return render(request, 'core/patient_list.html', {'page': page, 'q': q})


@login_required
@ajax_required
def patient_search_ajax(request):
    qs = Patient.objects.active().search(request.GET.get('term'))[:15]
    return JsonResponse({'results': [{'id': p.pk, 'text': str(p), 'dob': p.date_of_birth and
                                      p.date_of_birth.isoformat()} for p in qs]})


@login_required
def patient_detail(request, pk):
    patient = get_object_or_404(Patient, pk=pk)
    return render(request, 'core/patient_detail.html', {
        'patient': patient,
        'history': MedicalHistory.objects.filter(patient=patient).first(),
        'contacts': patient.contacts.all(),
        'upcoming': patient.appointments.filter(start__gte=timezone.now()).exclude(status='cancelled')[:5],
        'plans': patient.treatment_plans.exclude(status='abandoned'),
        'policies': patient.policies.all(),
        'balance': patient.balance(),
    })


@login_required
@practice_required
def patient_create(request):
    form = PatientForm(request.POST or None, request.FILES or None)
    if request.method == 'POST' and form.is_valid():
        patient = services.register_patient(request.practice, **form.cleaned_data)
        messages.success(request, 'Registered %s' % patient)
        return redirect('core:patient_detail', pk=patient.pk)
    return render(request, 'core/patient_form.html', {'form': form})


@login_required
def patient_edit(request, pk):
    patient = get_object_or_404(Patient, pk=pk)
    form = PatientForm(request.POST or None, request.FILES or None, instance=patient)
    if request.method == 'POST' and form.is_valid():
        form.save()
        if request.POST.get('c-name'):
            PatientContact.objects.create(patient=patient, name=request.POST['c-name'],
                                          relationship=request.POST.get('c-relationship', ''),
                                          phone=request.POST.get('c-phone', ''),
                                          is_guardian=bool(request.POST.get('c-is_guardian')),
                                          is_emergency=bool(request.POST.get('c-is_emergency')))
        return redirect('core:patient_detail', pk=pk)
    return render(request, 'core/patient_form.html', {'form': form, 'patient': patient})


@login_required
def medical_history_update(request, pk):
    patient = get_object_or_404(Patient, pk=pk)
    mh, _ = MedicalHistory.objects.get_or_create(patient=patient)
    form = MedicalHistoryForm(request.POST or None, instance=mh)
    if request.method == 'POST' and form.is_valid():
        mh = form.save(commit=False)
        mh.last_reviewed = timezone.localdate()
        mh.reviewed_by = request.user.staff
        mh.save()
        return redirect('core:patient_detail', pk=pk)
    return render(request, 'core/medical_history.html', {'form': form, 'patient': patient})


@login_required
@role_required('manager', 'admin')
def patient_merge(request, pk):
    keep = get_object_or_404(Patient, pk=pk)
    if request.method == 'POST':
        dupe = get_object_or_404(Patient, pk=request.POST.get('dupe_id'))
        services.merge_patients(keep, dupe)
        messages.success(request, 'Merged %s into %s' % (dupe, keep))
        return redirect('core:patient_detail', pk=keep.pk)
    return render(request, 'core/patient_merge.html', {'patient': keep})


# ------------------------------------------------------------ treatment plans

@login_required
@practice_required
def treatment_plan_create(request, patient_id):
    patient = get_object_or_404(Patient, pk=patient_id)
    form = TreatmentPlanForm(request.POST or None, initial={'dentist': request.user.staff})
    if request.method == 'POST' and form.is_valid():
        plan = form.save(commit=False)
        plan.patient = patient
        plan.practice = request.practice
        plan.save()
        return redirect('core:plan_detail', pk=plan.pk)
    return render(request, 'core/plan_form.html', {'form': form, 'patient': patient})


@login_required
def treatment_plan_detail(request, pk):
    plan = get_object_or_404(TreatmentPlan.objects.select_related('patient', 'dentist'), pk=pk)
    form = TreatmentPlanItemForm(request.POST or None)
    form.fields['procedure'].queryset = Procedure.objects.filter(is_active=True)
    if request.method == 'POST' and form.is_valid():
        cd = form.cleaned_data
        services.add_plan_item(plan, cd['procedure'], cd.get('tooth', ''), cd.get('surfaces', ''), cd['phase'])
        services.calculate_plan_total(plan)
        services.estimate_plan_insurance(plan)
        return redirect('core:plan_detail', pk=pk)
    if request.GET.get('pdf'):
        pdf = render_pdf('core/plan_pdf.html', {'plan': plan, 'items': plan.items.all(),
                                                'insurance': plan.estimate_insurance,
                                                'patient_pays': plan.estimate_total - plan.estimate_insurance})
        return PdfResponse(pdf, filename='treatment-plan-%s.pdf' % plan.pk)
    return render(request, 'core/plan_detail.html', {'plan': plan, 'items': plan.items.select_related('procedure'),
                                                     'form': form})


@login_required
@require_POST
def treatment_plan_accept(request, pk):
    plan = get_object_or_404(TreatmentPlan, pk=pk)
    services.accept_plan(plan)
    messages.success(request, 'Plan accepted')
    return redirect('core:plan_detail', pk=pk)


# ------------------------------------------------------------ insurance

@login_required
def policy_edit(request, patient_id, pk=None):
    patient = get_object_or_404(Patient, pk=patient_id)
    policy = get_object_or_404(InsurancePolicy, pk=pk, patient=patient) if pk else None
    form = InsurancePolicyForm(request.POST or None, instance=policy)
    if request.method == 'POST' and form.is_valid():
        pol = form.save(commit=False)
        pol.patient = patient
        pol.save()
        if pol.is_primary:
            patient.policies.exclude(pk=pol.pk).update(is_primary=False)
        return redirect('core:patient_detail', pk=patient.pk)
    return render(request, 'core/policy_form.html', {'form': form, 'patient': patient})


@login_required
@practice_required
@role_required('billing', 'manager')
def claim_list(request):
    if request.method == 'POST' and request.FILES.get('era'):
        rems = import_835(request.FILES['era'].read().decode('ascii', 'replace'))
        messages.success(request, '%d remittances imported - post them from the claim screen' % len(rems))
        return redirect('core:claim_list')
    form = ClaimFilterForm(request.GET or None)
    qs = InsuranceClaim.objects.filter(practice=request.practice).select_related('patient', 'policy__company')
    if form.is_valid():
        cd = form.cleaned_data
        if cd.get('status'):
            qs = qs.filter(status=cd['status'])
        if cd.get('company'):
            qs = qs.filter(policy__company_id=cd['company'])
        if cd.get('older_than_days'):
            qs = qs.filter(created__lt=timezone.now() - datetime.timedelta(days=cd['older_than_days']))
    return render(request, 'core/claim_list.html', {'claims': qs[:200], 'form': form})


@login_required
def claim_detail(request, pk):
    claim = get_object_or_404(InsuranceClaim, pk=pk)
    return render(request, 'core/claim_detail.html', {'claim': claim, 'lines': claim.lines.all(),
                                                      'remittances': claim.remittances.all()})


@login_required
@require_POST
def submit_claim_view(request, pk):
    claim = get_object_or_404(InsuranceClaim, pk=pk)
    try:
        services.submit_claim(claim)
        messages.success(request, 'Claim %s submitted' % claim.claim_number)
    except Exception as e:  # noqa
        messages.error(request, 'Could not submit: %s' % e)
    return redirect('core:claim_detail', pk=pk)
