from django.core.management.base import BaseCommand

from core.services import merge_supporters
from crm.dedupe import find_duplicate_pairs


class Command(BaseCommand):
    help = "Merge exact-match duplicate supporters (same email + surname)"

    def add_arguments(self, parser):
        parser.add_argument("--commit", action="store_true")

    def handle(self, *args, **opts):
        n = 0
        for keep, dupe, score in find_duplicate_pairs(min_score=100):
            self.stdout.write("%s <- %s" % (keep.ref, dupe.ref))
            if opts["commit"]:
                merge_supporters(keep, dupe)
            n += 1
        self.stdout.write("%d pairs" % n)
