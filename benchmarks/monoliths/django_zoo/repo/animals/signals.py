import logging

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from animals.models import Animal, FeedingLog, Keeper, MedicalRecord, Shift, VetVisit, WeighIn
from utils.dates import today_local
from utils.helpers import send_templated_email

log = logging.getLogger(__name__)


@receiver(post_save, sender=VetVisit)
def vet_visit_saved(sender, instance, created, **kwargs):
    animal = instance.animal
    if instance.requires_quarantine and animal.status != "quarantine":
        Animal.objects.filter(pk=animal.pk).update(status="quarantine")
        send_templated_email("emails/quarantine_notice", settings.ZOO_CURATOR_EMAIL,
                             {"animal": animal, "visit": instance})
        if animal.enclosure_id:
            # estates need to deep clean the enclosure the animal came out of
            from backoffice.models import MaintenanceJob
            MaintenanceJob.objects.create(
                enclosure_id=animal.enclosure_id, priority=2,
                title="Deep clean after quarantine: %s" % animal.name,
                description="Raised automatically from vet visit #%s" % instance.pk,
                requires_animal_move=False,
            )
    if instance.outcome == "euthanasia":
        animal.status = "deceased"
        animal.date_of_death = instance.visit_date
        animal.save()
    if created:
        MedicalRecord.objects.create(animal=animal, record_type="exam",
                                     summary="Vet visit: %s" % instance.reason[:150],
                                     notes=instance.diagnosis)


@receiver(pre_save, sender=Animal)
def animal_status_changed(sender, instance, **kwargs):
    if not instance.pk:
        return
    old = Animal.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    if old == instance.status:
        return
    if instance.status in ("deceased", "transferred"):
        instance.is_adoptable = False
        # Fundraising asked for adoptions to stop automatically (ZOO-377).
        # They email the adopters themselves.
        from core.models import Adoption
        n = Adoption.objects.filter(animal_id=instance.pk, cancelled=False,
                                    end_date__gte=today_local()).update(cancelled=True)
        if n:
            send_templated_email("emails/adoptions_stopped", settings.ZOO_FUNDRAISING_EMAIL,
                                 {"animal": instance, "count": n})
        # and stop the diet plan so the feed sheet is right tomorrow
        instance.diet_plans.filter(active=True).update(active=False)
    log.info("animal %s status %s -> %s", instance.pk, old, instance.status)


@receiver(post_save, sender=WeighIn)
def weighin_saved(sender, instance, created, **kwargs):
    if not created:
        return
    prev = (WeighIn.objects.filter(animal_id=instance.animal_id, weighed_on__lt=instance.weighed_on)
            .order_by("-weighed_on").first())
    if prev and prev.weight_kg and abs(instance.weight_kg - prev.weight_kg) / prev.weight_kg > 0.1:
        MedicalRecord.objects.create(animal_id=instance.animal_id, record_type="note",
                                     summary="Weight change >10%% (%s -> %s kg)"
                                     % (prev.weight_kg, instance.weight_kg))


@receiver(post_save, sender=FeedingLog)
def feeding_refusals(sender, instance, created, **kwargs):
    """Three refusals in a row gets flagged to the vets."""
    if not created or not instance.refused:
        return
    last3 = list(FeedingLog.objects.filter(animal_id=instance.animal_id)
                 .order_by("-fed_at").values_list("refused", flat=True)[:3])
    if len(last3) == 3 and all(last3):
        MedicalRecord.objects.create(animal_id=instance.animal_id, record_type="note",
                                     summary="Refused last 3 feeds - please check")
        send_templated_email("emails/feed_refusal", settings.ZOO_VET_ON_CALL_EMAIL,
                             {"animal": instance.animal})


@receiver(post_save, sender=Keeper)
def keeper_deactivated(sender, instance, created, **kwargs):
    if created or instance.is_active:
        return
    n = Shift.objects.filter(keeper=instance, date__gte=today_local()).delete()[0]
    if n:
        log.warning("keeper %s deactivated, removed %d future shifts", instance.staff_number, n)
