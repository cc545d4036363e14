import json

from django.core.management.base import BaseCommand
from django.db import transaction

from main.models import Tariff, TariffBand, Zone


class Command(BaseCommand):
    help = "Load tariffs from the JSON the traffic team sends after each TRO"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--replace", action="store_true", help="deactivate existing tariffs first")

    @transaction.atomic
    def handle(self, *args, **options):
        with open(options["path"]) as fh:
            data = json.load(fh)
        for item in data["tariffs"]:
            zone = Zone.objects.get(code=item["zone"])
            if options["replace"]:
                Tariff.objects.filter(zone=zone, is_active=True).update(is_active=False)
            tariff = Tariff.objects.create(
                zone=zone, name=item["name"], valid_from=item["valid_from"],
                max_stay_minutes=item.get("max_stay"), free_minutes=item.get("free_minutes", 0),
                applies_on_holidays=item.get("holidays", False), tro_reference=item.get("tro", ""))
            for up_to, price in item["bands"]:
                TariffBand.objects.create(tariff=tariff, up_to_minutes=up_to, price_pence=price)
            self.stdout.write("loaded %s" % tariff)
