import datetime
import logging
from decimal import Decimal

from django.db import transaction

from ops.models import Partner, GrantApplication, GrantAward, GrantPayment, GrantReport
from utils.emails import send_templated_email
from utils.helpers import today, round_money

log = logging.getLogger(__name__)
DUE_DILIGENCE_VALID_DAYS = 365 * 2


def partner_eligible(partner):
    if not partner.bank_verified:
        return False
    if not partner.due_diligence_date:
        return False
    return (today() - partner.due_diligence_date).days <= DUE_DILIGENCE_VALID_DAYS


def score_application(app, scores):
    # scores is a dict of criterion -> 0..5 from the assessor form
    app.score = int(sum(scores.values()) * 100 / (5 * len(scores))) if scores else 0
    app.status = "panel" if app.score >= 60 else "declined"
    app.save()
    return app.score


@transaction.atomic
def approve_application(app, amount, starts, months=12, tranches=2, funding_campaign=None):
    if not partner_eligible(app.partner):
        raise ValueError("partner due diligence out of date")
    app.status = "approved"
    app.save()
    ends = starts + datetime.timedelta(days=30 * months)
    award = GrantAward.objects.create(application=app, amount=amount, starts=starts, ends=ends,
                                      tranches=tranches, funding_campaign=funding_campaign)
    schedule_payments(award)
    send_templated_email(app.partner.contact_email, "grant_award", {"award": award})
    return award


def schedule_payments(award):
    each = round_money(Decimal(award.amount) / award.tranches)
    span = (award.ends - award.starts).days // award.tranches
    for i in range(award.tranches):
        amount = each if i < award.tranches - 1 else award.amount - each * (award.tranches - 1)
        GrantPayment.objects.create(award=award, amount=amount,
                                    due=award.starts + datetime.timedelta(days=span * i),
                                    held=i > 0)
        GrantReport.objects.get_or_create(award=award,
                                          period_end=award.starts + datetime.timedelta(days=span * (i + 1)))


def payments_due(on=None):
    return GrantPayment.objects.filter(due__lte=on or today(), paid_on__isnull=True,
                                       held=False).select_related("award__application__partner")


def receive_report(report, beneficiaries, narrative):
    report.received = today()
    report.beneficiaries_reached = beneficiaries
    report.narrative = narrative
    report.save()
    # release the next held tranche
    nxt = GrantPayment.objects.filter(award=report.award, held=True).order_by("due").first()
    if nxt:
        nxt.held = False
        nxt.save()


def overdue_reports():
    return GrantReport.objects.filter(received__isnull=True,
                                      period_end__lt=today() - datetime.timedelta(days=30))
