import logging
from decimal import Decimal

from django.db import connection, transaction
from django.utils import timezone

from core.models import (ClaimLine, InsuranceClaim, InsurancePolicy, MedicalHistory, Patient, PreAuthorization,
                         TreatmentPlan, TreatmentPlanItem, generate_claim_number)
from utils.money import apply_percentage, round_money

log = logging.getLogger(__name__)

# tables that carry a patient_id column; used by merge. Keep in sync when adding models!!
PATIENT_FK_TABLES = [
    'core_medicalhistory', 'core_patientcontact', 'core_treatmentplan', 'core_insurancepolicy',
    'insurance_claims', 'clinic_chartentry', 'clinic_clinicalnote', 'clinic_radiograph', 'clinic_consentform',
    'clinic_laborder', 'office_appointment', 'office_recall', 'office_waitinglistentry', 'office_invoice',
    'accounts_payment', 'accounts_paymentplan', 'patient_documents',
]


@transaction.atomic
def merge_patients(keep, dupe):
    if keep.pk == dupe.pk:
        raise ValueError('same patient')
    with connection.cursor() as cur:
        for table in PATIENT_FK_TABLES:
            if table == 'core_medicalhistory':
                cur.execute('DELETE FROM core_medicalhistory WHERE patient_id = %s AND EXISTS '
                            '(SELECT 1 FROM core_medicalhistory WHERE patient_id = %s)', [dupe.pk, keep.pk])
            cur.execute('UPDATE %s SET patient_id = %%s WHERE patient_id = %%s' % table, [keep.pk, dupe.pk])
    Patient.objects.filter(pk=dupe.pk).update(is_active=False, merged_into=keep,
                                              notes='Merged into %s on %s' % (keep.chart_number,
                                                                              timezone.localdate()))
    log.info('merged patient %s into %s', dupe.pk, keep.pk)
    return keep


def next_chart_number(practice):
    last = Patient.objects.filter(chart_number__startswith=practice.code).order_by('-chart_number').first()
    n = int(last.chart_number[len(practice.code):]) + 1 if last else 1
    return '%s%06d' % (practice.code, n)


def register_patient(practice, **fields):
    fields.setdefault('chart_number', next_chart_number(practice))
    patient = Patient.objects.create(practice=practice, **fields)
    MedicalHistory.objects.get_or_create(patient=patient)
    return patient


def deactivate_patient(patient, reason=''):
    from office.models import Appointment, Recall
    Patient.objects.filter(pk=patient.pk).update(is_active=False, notes=patient.notes + '\nDeactivated: ' + reason)
    Appointment.objects.active().filter(patient=patient, start__gt=timezone.now()).update(
        status='cancelled', cancelled_reason='Patient deactivated')
    Recall.objects.filter(patient=patient, status='pending').update(status='lapsed')


# ------------------------------------------------------------------ treatment plans

def add_plan_item(plan, procedure, tooth='', surfaces='', phase=1):
    from office.invoicing import fee_for
    seq = (plan.items.filter(phase=phase).count() or 0) + 1
    return TreatmentPlanItem.objects.create(plan=plan, procedure=procedure, tooth=tooth, surfaces=surfaces,
                                            phase=phase, sequence=seq, fee=fee_for(procedure, plan.practice))


def calculate_plan_total(plan):
    total = sum((i.fee for i in plan.items.exclude(status='removed')), Decimal('0'))
    TreatmentPlan.objects.filter(pk=plan.pk).update(estimate_total=round_money(total))
    return total


def accept_plan(plan, consent=None):
    plan.status = 'accepted'
    plan.accepted_on = timezone.localdate()
    plan.save(update_fields=['status', 'accepted_on'])
    return plan


def mark_plan_item_done(chart_entry):
    items = TreatmentPlanItem.objects.filter(chart_entry=chart_entry)
    items.update(status='done')
    for plan in TreatmentPlan.objects.filter(items__chart_entry=chart_entry).distinct():
        if plan.is_complete():
            TreatmentPlan.objects.filter(pk=plan.pk).update(status='completed', completed_on=timezone.localdate())
        elif plan.status == 'accepted':
            TreatmentPlan.objects.filter(pk=plan.pk).update(status='in_progress')


# ------------------------------------------------------------------ insurance

def estimate_insurance_portion(policy, items):
    """items: iterable of (procedure, fee). Returns the insurer's expected share."""
    remaining = policy.remaining_benefit()
    deductible = Decimal('0') if policy.deductible_met else policy.deductible
    covered = Decimal('0')
    for procedure, fee in items:
        pct = policy.coverage_for_category(procedure.category)
        if procedure.category not in ('diagnostic', 'preventive') and deductible > 0:
            take = min(deductible, fee)
            fee -= take
            deductible -= take
        covered += apply_percentage(fee, pct)
    return min(covered, remaining)


def estimate_plan_insurance(plan):
    policy = plan.patient.policies.filter(is_primary=True).first()
    if policy is None:
        return Decimal('0')
    est = estimate_insurance_portion(policy, [(i.procedure, i.fee) for i in plan.items.exclude(status='removed')])
    TreatmentPlan.objects.filter(pk=plan.pk).update(estimate_insurance=est)
    return est


def request_preauthorization(plan):
    policy = plan.patient.policies.filter(is_primary=True).first()
    if not policy:
        return None
    if plan.estimate_total < 300 and not plan.items.filter(procedure__category='prosth').exists():
        return None
    return PreAuthorization.objects.create(policy=policy, plan=plan)


@transaction.atomic
def build_claim_from_invoice(invoice, policy):
    from office.invoicing import set_insurance_portion
    claim = InsuranceClaim.objects.create(claim_number=generate_claim_number(invoice.practice), policy=policy,
                                          patient=invoice.patient, practice=invoice.practice, invoice=invoice)
    items = []
    for line in invoice.lines.exclude(procedure=None).select_related('procedure', 'chart_entry'):
        dos = line.chart_entry.entry_date if line.chart_entry_id else invoice.issued_on or timezone.localdate()
        ClaimLine.objects.create(claim=claim, procedure=line.procedure, invoice_line=line, tooth=line.tooth,
                                 date_of_service=dos, fee=line.line_total, amount_claimed=line.line_total)
        items.append((line.procedure, line.line_total))
    claim.recalc()
    claim.status = 'ready'
    claim.save()
    set_insurance_portion(invoice, estimate_insurance_portion(policy, items))
    return claim


def submit_claim(claim):
    from core.claims_edi import Edi837Builder, upload_batch
    if claim.status not in ('ready', 'rejected'):
        raise ValueError('claim %s is %s' % (claim, claim.status))
    if claim.policy.company.edi_enabled:
        batch = Edi837Builder([claim]).build()
        ref = upload_batch(batch)
        claim.edi_batch = ref
    if claim.status == 'rejected':
        claim.resubmission_count += 1
    claim.status = 'submitted'
    claim.submitted_on = timezone.now()
    claim.save()
    return claim


@transaction.atomic
def post_remittance(remittance, staff=None):
    from accounts.payments import record_payment
    claim = remittance.claim
    if claim is None or remittance.posted:
        return None
    InsuranceClaim.objects.filter(pk=claim.pk).update(total_paid=claim.total_paid + remittance.amount)
    claim.refresh_from_db()
    claim.status = 'paid' if claim.total_paid >= claim.total_claimed else 'part_paid'
    claim.save(update_fields=['status'])
    InsurancePolicy.objects.filter(pk=claim.policy_id).update(
        used_this_year=claim.policy.used_this_year + remittance.amount)
    payment = None
    if claim.invoice_id:
        payment = record_payment(claim.patient, remittance.amount, 'insurance', invoice=claim.invoice, staff=staff,
                                 reference='ERA %s' % remittance.era_reference)
    remittance.posted = True
    remittance.posted_by = staff
    remittance.save()
    return payment
