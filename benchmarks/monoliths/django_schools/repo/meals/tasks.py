import logging

from celery import shared_task

from common.dates import today
from common.formatting import format_money
from common.notify import notify_contact

log = logging.getLogger(__name__)


@shared_task
def low_balance_reminders():
    from legacy.models import MealAccount
    from meals.billing import low_balance_accounts

    sent = 0
    for account in low_balance_accounts():
        if account.low_balance_notified and (today() - account.low_balance_notified).days < 7:
            continue
        student = account.student
        for guardian in student.contactable_guardians():
            notify_contact(email=guardian.email, mobile=guardian.mobile, prefers_sms=guardian.receives_sms,
                           subject="Lunch balance low",
                           body="%s's lunch balance is %s. You can top up on the parent portal."
                                % (student.first_name, format_money(account.balance)))
            sent += 1
        MealAccount.objects.filter(pk=account.pk).update(low_balance_notified=today())
    log.info("sent %d low balance reminders", sent)
    return sent
