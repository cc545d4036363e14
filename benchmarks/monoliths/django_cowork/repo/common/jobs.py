"""Nightly cron (celery beat runs run_nightly at 03:00). Each step is isolated so one
failure doesn't stop the rest."""
import logging

from celery import shared_task
from django.utils import timezone

from common.slack import post_to_slack

log = logging.getLogger(__name__)


def nightly_desk_cleanup():
    from desks.services import auto_release_unused
    return auto_release_unused(timezone.localdate())


def nightly_access_sync():
    from access.controllers import sync_cards_to_controller
    from access.tasks import expire_temporary_passes
    from legacy.door_sync import legacy_sync_doors_paxton
    expired = expire_temporary_passes()
    return sync_cards_to_controller() + legacy_sync_doors_paxton() + expired


def nightly_frontdesk_cleanup():
    from frontdesk.tasks import mark_no_show_visits, purge_old_visitor_data
    return mark_no_show_visits() + purge_old_visitor_data()


def nightly_facilities():
    from facilities.tasks import schedule_preventive_maintenance
    return schedule_preventive_maintenance()


def nightly_memberships():
    from members.tasks import expire_memberships, send_renewal_reminders
    n = expire_memberships()
    send_renewal_reminders()
    return n


NIGHTLY_STEPS = [
    ("memberships", nightly_memberships),
    ("desks", nightly_desk_cleanup),
    ("access", nightly_access_sync),
    ("frontdesk", nightly_frontdesk_cleanup),
    ("facilities", nightly_facilities),
]


@shared_task
def run_nightly():
    failures = []
    for name, step in NIGHTLY_STEPS:
        try:
            result = step()
            log.info("nightly %s: %s", name, result)
        except Exception:
            log.exception("nightly step %s failed", name)
            failures.append(name)
    if failures:
        post_to_slack("Nightly jobs failed: %s" % ", ".join(failures), channel="#ops")
    return failures
