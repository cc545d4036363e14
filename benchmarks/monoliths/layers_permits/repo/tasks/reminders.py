import datetime as dt

import config
from models.base import session_scope
from repositories.contractor_repo import LicenseRepository
from repositories.permit_repo import PermitRepository
from services import notifications
from tasks import task
from utils.dates import today


@task("license-reminders")
def license_expiry_reminders():
    with session_scope() as session:
        for days in config.get("LICENSE_REMINDER_DAYS"):
            for lic in LicenseRepository(session).expiring_within(days):
                if (lic.expires_on - today()).days == days:
                    notifications.notify_license_expiring(lic, days)


@task("permit-reminders")
def permit_expiry_reminders():
    with session_scope() as session:
        target = today() + dt.timedelta(days=30)
        for permit in PermitRepository(session).expiring_between(target, target):
            notifications.notify_permit_expiring(permit)
