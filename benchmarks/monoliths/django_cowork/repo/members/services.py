import datetime
import logging

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from common.emails import send_templated_email
from common.pricing import apply_discount_code
from members.models import Member, Membership, MembershipChange, MembershipPlan

log = logging.getLogger(__name__)

NOTICE_PERIOD_DAYS = 30


@transaction.atomic
def create_member(email, first_name, last_name, company=None, location=None, phone=""):
    User = get_user_model()
    user = User.objects.create_user(username=email.lower(), email=email.lower())
    user.set_unusable_password()
    user.save()
    return Member.objects.create(user=user, email=email.lower(), first_name=first_name,
                                 last_name=last_name, company=company, home_location=location, phone=phone)


def activate_membership(membership):
    from access.services import grant_access_for_plan
    membership.status = Membership.ACTIVE
    membership.save(update_fields=["status", "updated_at"])
    grant_access_for_plan(membership.member, membership.plan, membership.location)
    return membership


def onboard_member(member, plan, location, start_date=None, discount_code=""):
    """Signup flow: membership + first (prorated) invoice + key card + welcome email."""
    from access.services import issue_keycard
    from core import services as billing
    start_date = start_date or timezone.localdate()
    membership = Membership.objects.create(member=member, plan=plan, location=location,
                                           start_date=start_date, discount_code=discount_code)
    if discount_code:
        price, discount = apply_discount_code(plan.monthly_price, discount_code)
        if discount:
            membership.price_override = price
            membership.save()
    activate_membership(membership)
    first = start_date.replace(day=1)
    invoice = billing.create_invoice_for_membership(membership, start_date,
                                                    (first + datetime.timedelta(days=32)).replace(day=1)
                                                    - datetime.timedelta(days=1))
    billing.finalize_invoice(invoice)
    if plan.kind != MembershipPlan.VIRTUAL:
        issue_keycard(member)
    send_templated_email(member.email, "welcome", {"member": member, "plan": plan, "location": location})
    return membership


def change_plan(membership, new_plan, effective_date=None, user=None):
    effective_date = effective_date or (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    change = MembershipChange.objects.create(membership=membership, from_plan=membership.plan,
                                             to_plan=new_plan, effective_date=effective_date,
                                             requested_by=user)
    if effective_date <= timezone.localdate():
        apply_plan_change(change)
    return change


def apply_plan_change(change):
    from access.services import grant_access_for_plan
    membership = change.membership
    membership.plan = change.to_plan
    membership.price_override = None
    membership.save()
    change.applied = True
    change.save(update_fields=["applied"])
    grant_access_for_plan(membership.member, change.to_plan, membership.location)


def cancel_membership(membership, end_date=None):
    today = timezone.localdate()
    min_end = today + datetime.timedelta(days=NOTICE_PERIOD_DAYS)
    membership.end_date = max(end_date or min_end, min_end)
    membership.notice_given_on = today
    membership.status = Membership.CANCELLED
    membership.save()
    send_templated_email(membership.member.email, "membership_cancelled", {"membership": membership})
    return membership


def suspend_member(member, reason=""):
    from access.services import deactivate_cards_for_member
    member.suspended = True
    member.suspended_reason = reason[:255]
    member.save(update_fields=["suspended", "suspended_reason"])
    deactivate_cards_for_member(member, reason="suspended")


def unsuspend_member(member):
    from access.services import reactivate_cards_for_member
    member.suspended = False
    member.suspended_reason = ""
    member.save(update_fields=["suspended", "suspended_reason"])
    reactivate_cards_for_member(member)
