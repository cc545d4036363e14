import datetime
import logging
import re
from decimal import Decimal

from django.db import transaction

from core.models import Donation, GiftAidClaim, ClaimLine, GiftAidDeclaration
from utils.helpers import normalise_postcode, round_money
from utils.models import TaxYear

log = logging.getLogger(__name__)

HOUSE_RE = re.compile(r"^(\d+[A-Za-z]?)\b")


def house_identifier(address):
    m = HOUSE_RE.match(address.line1.strip())
    if m:
        return m.group(1)
    return address.line1.strip()[:40]


def hmrc_postcode_ok(pc):
    pc = normalise_postcode(pc)
    return bool(pc) and " " in pc and len(pc) <= 8


def claimable_donations(period_start, period_end):
    return (Donation.objects
            .filter(received__range=(period_start, period_end), gift_aid_eligible=True,
                    gift_aid_claimed=False, refunded=False)
            .exclude(method="payroll")
            .select_related("supporter"))


def next_claim_reference():
    n = GiftAidClaim.objects.count() + 1
    return "GA%s-%04d" % (datetime.date.today().year, n)


@transaction.atomic
def build_claim(period_start, period_end):
    claim = GiftAidClaim.objects.create(reference=next_claim_reference(),
                                        period_start=period_start, period_end=period_end,
                                        tax_year=TaxYear.for_date(period_end))
    total = Decimal("0")
    skipped = 0
    for donation in claimable_donations(period_start, period_end):
        address = donation.supporter.primary_address()
        decl = (GiftAidDeclaration.objects.filter(supporter=donation.supporter)
                .order_by("-made_on").first())
        if not address or not decl or not hmrc_postcode_ok(address.postcode):
            skipped += 1
            continue
        ClaimLine.objects.create(claim=claim, donation=donation, declaration=decl,
                                 amount=donation.amount, house_no=house_identifier(address),
                                 postcode=normalise_postcode(address.postcode))
        total += donation.amount
    claim.total_donations = total
    claim.total_claimed = round_money(total * Decimal("0.25"))
    claim.save()
    log.info("claim %s built, %s skipped", claim.reference, skipped)
    return claim


def mark_claim_submitted(claim, correlation_id):
    claim.status = "submitted"
    claim.hmrc_correlation_id = correlation_id
    claim.save()
    Donation.objects.filter(claimline__claim=claim).update(gift_aid_claimed=True)


def mark_claim_paid(claim):
    claim.status = "paid"
    claim.save(update_fields=["status"])


def legacy_build_claim(year):
    # pre-2021 version: one claim per tax year. DO NOT USE - kept for audit reference
    start = datetime.date(year, 4, 6)
    end = datetime.date(year + 1, 4, 5)
    return claimable_donations(start, end).count()
