from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from core.models import InsuranceClaim, MedicalHistory, Patient, TreatmentPlan


@receiver(post_save, sender=Patient)
def create_medical_history(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        MedicalHistory.objects.get_or_create(patient=instance)


@receiver(post_save, sender=TreatmentPlan)
def plan_accepted_request_preauth(sender, instance, created, **kwargs):
    if created or instance.status != 'accepted':
        return
    if instance.preauths.exists():
        return
    from core.services import request_preauthorization
    request_preauthorization(instance)


@receiver(pre_save, sender=InsuranceClaim)
def claim_rejected(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = InsuranceClaim.objects.filter(pk=instance.pk).values_list('status', flat=True).first()
    if old != 'rejected' and instance.status == 'rejected' and instance.invoice_id:
        # patient is now responsible for the whole thing until resubmitted
        from office.invoicing import set_insurance_portion
        set_insurance_portion(instance.invoice, 0)
