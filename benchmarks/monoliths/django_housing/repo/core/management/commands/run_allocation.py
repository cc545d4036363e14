from django.core.management.base import BaseCommand, CommandError

from core.allocation import AllocationError, expire_pending_offers, run_allocation_round
from core.models import AllocationRound


class Command(BaseCommand):
    help = "Run the room allocation lottery for an allocation round."

    def add_arguments(self, parser):
        parser.add_argument("round_id", nargs="?", type=int)
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--expire-offers", action="store_true",
                            help="Only expire stale waitlist offers and exit")

    def handle(self, *args, **options):
        if options["expire_offers"]:
            n = expire_pending_offers()
            self.stdout.write("expired %d offers" % n)
            return
        round_id = options.get("round_id")
        if round_id is None:
            rnd = AllocationRound.objects.filter(status="open").order_by("closes_at").first()
            if rnd is None:
                raise CommandError("No open allocation round")
            round_id = rnd.pk
        try:
            result = run_allocation_round(round_id, dry_run=options["dry_run"])
        except AllocationError as exc:
            raise CommandError(str(exc))
        self.stdout.write(self.style.SUCCESS(
            "round %s: placed %d, waitlisted %d%s" % (
                round_id, result["placed"], result["waitlisted"],
                " (dry run)" if options["dry_run"] else "")))
