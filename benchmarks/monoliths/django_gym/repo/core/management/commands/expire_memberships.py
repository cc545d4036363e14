from django.core.management.base import BaseCommand

from common.utils import today
from core.models import Membership


class Command(BaseCommand):
    help = "Close memberships past their end date and lift finished freezes"

    def handle(self, *args, **options):
        d = today()
        ended = Membership.objects.filter(status__in=["active", "cancelled", "arrears"],
                                          end_date__lt=d)
        n = 0
        for ms in ended:
            ms.status = "expired"
            ms.save()  # signal updates member status
            n += 1
        for ms in Membership.objects.filter(status="frozen"):
            if not ms.is_frozen_on(d):
                ms.status = "active"
                ms.save()
        self.stdout.write("%d memberships expired" % n)
