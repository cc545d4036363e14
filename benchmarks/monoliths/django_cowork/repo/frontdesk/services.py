import logging

from django.conf import settings
from django.utils import timezone

from common.dates import month_range
from common.emails import send_templated_email
from common.slack import post_to_slack
from frontdesk.models import Parcel, Visit, Visitor

log = logging.getLogger(__name__)


def notify_host(visit):
    send_templated_email(visit.host.email, "visitor_arrived",
                         {"visit": visit, "visitor": visit.visitor, "location": visit.location})


def register_visit(host, name, expected_at, email="", company="", purpose="", day_pass=False, location=None):
    visitor = None
    if email:
        visitor = Visitor.objects.filter(email__iexact=email).first()
    if visitor is None:
        visitor = Visitor.objects.create(name=name, email=email, company=company)
    if visitor.banned:
        post_to_slack("Banned visitor %s registered by %s" % (visitor.name, host), channel="#frontdesk")
    return Visit.objects.create(visitor=visitor, host=host, location=location or host.home_location,
                                expected_at=expected_at, purpose=purpose, day_pass=day_pass)


def charge_guest_day_pass(visit):
    from core import services as billing
    included = settings.FREE_GUESTS_PER_MONTH
    membership = visit.host.memberships.filter(status="active").select_related("plan").first()
    if membership:
        included = max(included, membership.plan.included_guest_passes)
    today = timezone.localdate()
    first, last = month_range(today)
    used = Visit.objects.filter(host=visit.host, day_pass=True, arrived_at__date__gte=first,
                                arrived_at__date__lte=last).count()
    if used <= included:
        return None
    inv = billing.get_or_create_draft(visit.host, today.replace(day=1), None)
    return billing.add_line(inv, "Guest day pass: %s" % visit.visitor.name, settings.GUEST_DAY_PASS_PRICE,
                            source_type="day_pass", source_id=visit.pk)


def check_in_visitor(visit, staff_user=None):
    from access.services import issue_temporary_pass
    visit.arrived_at = timezone.now()
    visit.status = Visit.ON_SITE
    visit.checked_in_by = staff_user
    visit.save()
    card = None
    if visit.day_pass:
        card = issue_temporary_pass(visit)
        charge_guest_day_pass(visit)
    notify_host(visit)
    return card


def check_out_visitor(visit):
    visit.left_at = timezone.now()
    visit.status = Visit.LEFT
    visit.save(update_fields=["left_at", "status", "updated_at"])
    from access.models import KeyCard
    KeyCard.objects.filter(visit=visit, status=KeyCard.ACTIVE).update(status=KeyCard.RETURNED)


def log_parcel(recipient, location, carrier="", tracking="", shelf=""):
    parcel = Parcel.objects.create(recipient=recipient, location=location, carrier=carrier,
                                   tracking=tracking, shelf=shelf)
    if send_templated_email(recipient.email, "parcel_arrived", {"parcel": parcel}):
        parcel.notified = True
        parcel.save(update_fields=["notified"])
    return parcel
