import datetime

from celery import shared_task

from common.dates import today
from common.notify import notify_contact, send_email


@shared_task
def notify_route_change(route_id, message):
    from transport.services import riders_for_route
    from legacy.models import BusRoute

    route = BusRoute.objects.get(pk=route_id)
    sent = 0
    for assignment in riders_for_route(route):
        for guardian in assignment.student.contactable_guardians():
            notify_contact(email=guardian.email, mobile=guardian.mobile, prefers_sms=guardian.receives_sms,
                           subject="Bus route %s change" % route.number,
                           body="Route %s: %s" % (route.number, message))
            sent += 1
    return sent


@shared_task
def inspection_reminders():
    from transport.models import Vehicle

    due = Vehicle.objects.filter(in_service=True, inspection_due__lte=today() + datetime.timedelta(days=30))
    if due:
        send_email("transport@hvusd.example", "Vehicle inspections due",
                   "\n".join("%s due %s" % (v, v.inspection_due) for v in due))
    return len(due)
