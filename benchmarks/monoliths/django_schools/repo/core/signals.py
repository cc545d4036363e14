from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver

from core.models import Enrolment, StaffMember, Student


@receiver(post_save, sender=Student)
def create_meal_account(sender, instance, created, **kwargs):
    # every student gets a lunch account on registration (the POS needs one)
    if created:
        from meals.billing import get_or_create_account
        get_or_create_account(instance)


@receiver(post_save, sender=Enrolment)
def clear_roster_cache(sender, instance, **kwargs):
    cache.delete("roster:%s" % instance.section_id)
    cache.delete("student-sections:%s" % instance.student_id)


@receiver(post_save, sender=StaffMember)
def deactivate_login(sender, instance, **kwargs):
    if instance.user_id and not instance.is_active and instance.user.is_active:
        instance.user.is_active = False
        instance.user.save(update_fields=["is_active"])
