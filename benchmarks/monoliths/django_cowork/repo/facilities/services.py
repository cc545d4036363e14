import datetime

from django.utils import timezone

from common.emails import send_templated_email
from common.slack import post_to_slack
from facilities.models import MaintenanceTicket, TicketComment

SLA_BY_PRIORITY = {1: 4, 2: 24, 3: 72, 4: 24 * 7}


def open_ticket(location, title, category="other", description="", priority=3, reported_by=None,
                member=None, floor="", photo=None, asset=None):
    ticket = MaintenanceTicket.objects.create(
        location=location, title=title, category=category, description=description, priority=priority,
        reported_by=reported_by, reported_by_member=member, floor=floor, photo=photo or "", asset=asset,
        due_at=timezone.now() + datetime.timedelta(hours=SLA_BY_PRIORITY.get(priority, 72)))
    if priority == 1:
        post_to_slack(":fire: URGENT %s at %s: %s" % (category, location.code, title), channel="#facilities")
    return ticket


def assign_vendor(ticket, vendor, user=None):
    ticket.vendor = vendor
    ticket.status = MaintenanceTicket.ASSIGNED
    ticket.save()
    if vendor.email:
        send_templated_email(vendor.email, "vendor_work_order", {"ticket": ticket})
    TicketComment.objects.create(ticket=ticket, author=user, body="Assigned to %s" % vendor.name)


def close_ticket(ticket, user=None, note=""):
    ticket.status = MaintenanceTicket.DONE
    ticket.closed_at = timezone.now()
    ticket.save()
    if note:
        TicketComment.objects.create(ticket=ticket, author=user, body=note, internal=False)
    if ticket.reported_by_member:
        send_templated_email(ticket.reported_by_member.email, "ticket_closed", {"ticket": ticket})
    if ticket.asset and ticket.category != "cleaning":
        ticket.asset.last_serviced_on = timezone.localdate()
        ticket.asset.save(update_fields=["last_serviced_on"])


def escalate_overdue():
    now = timezone.now()
    overdue = MaintenanceTicket.objects.filter(due_at__lt=now, escalated=False) \
        .exclude(status=MaintenanceTicket.DONE).select_related("location")
    for t in overdue:
        post_to_slack("Ticket #%d (%s) at %s is past SLA" % (t.pk, t.title, t.location.code), channel="#facilities")
        t.escalated = True
        t.save(update_fields=["escalated"])
    return len(overdue)
