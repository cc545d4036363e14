from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from attendance.helpers import recompute_daily_summary
from attendance.models import AttendanceRecord


@receiver(post_save, sender=AttendanceRecord)
@receiver(post_delete, sender=AttendanceRecord)
def update_daily_summary(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    recompute_daily_summary(instance.student, instance.date)
