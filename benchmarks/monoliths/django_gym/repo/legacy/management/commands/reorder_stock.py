from django.core.mail import mail_managers
from django.core.management.base import BaseCommand

from core.models import Club
from legacy.pos import low_stock


class Command(BaseCommand):
    help = "E-mail each club's low-stock list to the managers (Monday mornings)"

    def handle(self, *args, **opts):
        for club in Club.objects.filter(active=True):
            rows = ["%-10s %-40s %4d" % (l.product.sku, l.product.name, l.qty)
                    for l in low_stock(club)]
            if rows:
                mail_managers("Reorder: %s" % club.name, "\n".join(rows))
