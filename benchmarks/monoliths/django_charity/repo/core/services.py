import logging
import random
import string
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum, Min, Max

from core.models import (Supporter, Address, ContactPreference, Campaign, Appeal,
                         Donation, Refund, GiftAidDeclaration)
from utils import gateway
from utils.emails import send_templated_email
from utils.helpers import normalise_postcode, title_case_name, today

log = logging.getLogger(__name__)


def generate_supporter_ref():
    while True:
        ref = "S" + "".join(random.choice(string.digits) for _ in range(8))
        if not Supporter.objects.filter(ref=ref).exists():
            return ref


def find_or_create_supporter(first_name, last_name, email=None, postcode=None, source=""):
    qs = Supporter.objects.filter(merged_into__isnull=True)
    if email:
        existing = qs.filter(email__iexact=email).first()
        if existing:
            return existing, False
    if postcode:
        existing = qs.filter(last_name__iexact=last_name, first_name__iexact=first_name,
                             address__postcode=normalise_postcode(postcode)).first()
        if existing:
            return existing, False
    s = Supporter.objects.create(ref=generate_supporter_ref(),
                                 first_name=title_case_name(first_name),
                                 last_name=title_case_name(last_name),
                                 email=email or "", source=source)
    return s, True


def update_giving_summary(supporter):
    agg = Donation.objects.filter(supporter=supporter, refunded=False).aggregate(
        total=Sum("amount"), first=Min("received"), last=Max("received"))
    supporter.lifetime_value = agg["total"] or 0
    supporter.first_gift_date = agg["first"]
    supporter.last_gift_date = agg["last"]
    supporter.save(update_fields=["lifetime_value", "first_gift_date", "last_gift_date"])


def set_contact_preference(supporter, channel, opted_in, statement=""):
    pref, _ = ContactPreference.objects.get_or_create(supporter=supporter, channel=channel)
    pref.opted_in = opted_in
    pref.statement = statement
    pref.save()
    return pref


def add_address(supporter, line1, town, postcode, line2="", make_primary=True):
    if make_primary:
        Address.objects.filter(supporter=supporter, primary=True).update(primary=False)
    return Address.objects.create(supporter=supporter, line1=line1, line2=line2, town=town,
                                  postcode=normalise_postcode(postcode), primary=make_primary)


@transaction.atomic
def merge_supporters(keep, dupe):
    Donation.objects.filter(supporter=dupe).update(supporter=keep)
    GiftAidDeclaration.objects.filter(supporter=dupe).update(supporter=keep)
    Address.objects.filter(supporter=dupe).update(supporter=keep, primary=False)
    for pref in ContactPreference.objects.filter(supporter=dupe):
        if not ContactPreference.objects.filter(supporter=keep, channel=pref.channel).exists():
            pref.supporter = keep
            pref.save()
    dupe.merged_into = keep
    dupe.save()
    update_giving_summary(keep)


def campaign_for_code(code):
    if not code:
        return None, None
    appeal = Appeal.objects.select_related("campaign").filter(code=code.upper()).first()
    if appeal:
        return appeal.campaign, appeal
    return Campaign.objects.filter(code=code.upper()).first(), None


def recalc_campaign_total(campaign):
    total = Donation.objects.filter(campaign=campaign, refunded=False).aggregate(
        t=Sum("amount"))["t"] or Decimal("0")
    Campaign.objects.filter(pk=campaign.pk).update(raised=total)
    return total


def is_gift_aid_eligible(supporter, received):
    for decl in GiftAidDeclaration.objects.filter(supporter=supporter):
        if decl.covers(received):
            return True
    return False


def record_declaration(supporter, made_on=None, method="online", past=True):
    decl = GiftAidDeclaration.objects.create(supporter=supporter, made_on=made_on or today(),
                                             method=method, covers_past_four_years=past)
    send_templated_email(supporter.email, "giftaid_confirmation",
                         {"supporter": supporter, "declaration": decl})
    decl.confirmation_sent = True
    decl.save(update_fields=["confirmation_sent"])
    return decl


def cancel_declaration(decl, when=None):
    decl.cancelled_on = when or today()
    decl.save()
    Donation.objects.filter(supporter=decl.supporter, received__gte=decl.cancelled_on,
                            gift_aid_claimed=False).update(gift_aid_eligible=False)


def record_donation(supporter, amount, method, received=None, campaign_code=None,
                    payment_ref="", batch_no="", recurring_gift=None):
    campaign, appeal = campaign_for_code(campaign_code)
    received = received or today()
    donation = Donation.objects.create(
        supporter=supporter, amount=Decimal(amount), method=method, received=received,
        campaign=campaign, appeal=appeal, payment_ref=payment_ref, batch_no=batch_no,
        recurring_gift=recurring_gift,
        gift_aid_eligible=is_gift_aid_eligible(supporter, received))
    return donation


def take_card_donation(supporter, amount, token, campaign_code=None):
    charge_id = gateway.charge_card(token, Decimal(amount), "DON-%s" % supporter.ref,
                                    "Donation")
    donation = record_donation(supporter, amount, "card", campaign_code=campaign_code,
                               payment_ref=charge_id)
    send_templated_email(supporter.email, "donation_thanks",
                         {"supporter": supporter, "donation": donation})
    return donation


@transaction.atomic
def refund_donation(donation, amount, reason, user=None):
    if donation.gift_aid_claimed:
        # HMRC needs an adjustment on the next claim
        log.warning("refunding donation %s that was already claimed", donation.pk)
    gateway_ref = ""
    if donation.method == "card" and donation.payment_ref:
        gateway_ref = gateway.refund_charge(donation.payment_ref, Decimal(amount))
    Refund.objects.create(donation=donation, amount=amount, reason=reason,
                          gateway_ref=gateway_ref, by=user)
    donation.refunded = True
    donation.save()
    return donation


def old_import_cheques(rows):
    # replaced by import_bank_batch command, kept for the finance team's spreadsheet macro
    for row in rows:
        s = Supporter.objects.filter(ref=row["ref"]).first()
        if s:
            record_donation(s, row["amount"], "cheque", batch_no=row.get("batch", ""))
