"""Controllers buffer events when the internet is down; they dump them as CSV on the SD card."""
import csv
from datetime import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from legacy.models import AccessPoint, CheckIn
from legacy.turnstile import card_for_uid


class Command(BaseCommand):
    help = "Import an offline turnstile log (serial,uid,timestamp,granted)"

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **opts):
        aps = {ap.controller_serial: ap for ap in AccessPoint.objects.select_related("club")}
        n = 0
        with open(path) as fh:
            for serial, uid, ts, granted in csv.reader(fh):
                ap, card = aps.get(serial), card_for_uid(uid)
                if ap is None or card is None:
                    continue
                at = timezone.make_aware(datetime.strptime(ts, "%Y%m%d%H%M%S"))
                if CheckIn.objects.filter(card=card, at=at).exists():
                    continue
                CheckIn.objects.create(member=card.member, club=ap.club, card=card,
                                       access_point=ap, at=at, granted=granted == "1")
                n += 1
        self.stdout.write("%d check-ins imported" % n)
