"""
Find and merge duplicate patrons (same email, or same name + postcode).

    ./manage.py merge_patrons --by-email --commit

Patron.merge_into() misses some FKs, so we patch those up here as well.
"""
from collections import defaultdict

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Count

from core.models import Patron
from core.utils import normalise_email

# (table, column) pairs that point at core_patron and aren't handled in merge_into
EXTRA_PATRON_FKS = [
    ("tbl_gifts", "donor_id"),
    ("tbl_giftaid", "patron_id"),
    ("backoffice_pledge", "patron_id"),
    ("shop_donation", "patron_id"),
    ("shop_basket", "patron_id"),
    ("shop_subscriptionchoice", "patron_id"),
    ("mail_recipient", "patron_id"),
    ("vol_volunteer", "patron_id"),
]


def pick_survivor(patrons):
    """Keep the one with a login, else the one with most orders, else oldest."""
    with_user = [p for p in patrons if p.user_id]
    if with_user:
        return with_user[0]
    return sorted(patrons, key=lambda p: (-p.orders.count(), p.created))[0]


def repoint_extra_fks(loser_id, survivor_id):
    with connection.cursor() as cursor:
        for table, column in EXTRA_PATRON_FKS:
            cursor.execute("UPDATE %s SET %s = %%s WHERE %s = %%s" % (table, column, column), [survivor_id, loser_id])


class Command(BaseCommand):
    help = "Merge duplicate patron records"

    def add_arguments(self, parser):
        parser.add_argument("--by-email", action="store_true")
        parser.add_argument("--by-name-postcode", action="store_true")
        parser.add_argument("--commit", action="store_true")

    def find_groups(self, by_email, by_name_postcode):
        live = Patron.objects.filter(merged_into__isnull=True)
        groups = []
        if by_email:
            dupes = live.exclude(email="").values("email").annotate(n=Count("id")).filter(n__gt=1)
            for row in dupes:
                groups.append(list(live.filter(email=normalise_email(row["email"]))))
        if by_name_postcode:
            buckets = defaultdict(list)
            for p in live.prefetch_related("addresses"):
                for a in p.addresses.all():
                    buckets[(p.first_name.lower(), p.last_name.lower(), a.postcode)].append(p)
            groups.extend(g for g in buckets.values() if len(g) > 1)
        return groups

    def handle(self, *args, **options):
        groups = self.find_groups(options["by_email"], options["by_name_postcode"])
        merged = 0
        for group in groups:
            survivor = pick_survivor(group)
            for loser in group:
                if loser.pk == survivor.pk or loser.merged_into_id:
                    continue
                self.stdout.write("%s -> %s  (%s)" % (loser.pk, survivor.pk, loser.display_name))
                if options["commit"]:
                    with transaction.atomic():
                        repoint_extra_fks(loser.pk, survivor.pk)
                        loser.merge_into(survivor)
                merged += 1
        self.stdout.write(self.style.SUCCESS("%d merged%s" % (merged, "" if options["commit"] else " (dry run)")))
