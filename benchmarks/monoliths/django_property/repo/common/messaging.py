"""Sending notices to tenants (email / SMS / printed letters)."""
import logging

import requests
from django.conf import settings
from django.core.mail import send_mail
from django.template import Context, Template
from django.utils import timezone

from common.models import MessageTemplate, TenantProfile
from common.utils import normalize_phone

log = logging.getLogger(__name__)


class SmsGateway:
    def __init__(self, url=None, token=None):
        self.url = url or settings.SMS_GATEWAY_URL
        self.token = token or settings.SMS_GATEWAY_TOKEN

    def send(self, phone, text):
        if not self.url:
            log.info("SMS (dry run) to %s: %s", phone, text)
            return "dry-run"
        response = requests.post(
            self.url, data={"to": normalize_phone(phone), "body": text[:480]},
            headers={"X-Token": self.token}, timeout=10,
        )
        response.raise_for_status()
        return response.json().get("sid", "")


def render_message(code, **context):
    template = MessageTemplate.objects.get(code=code, active=True)
    subject = Template(template.subject).render(Context(context))
    body = Template(template.body).render(Context(context))
    return template, subject, body


def deliver(delivery, subject, body):
    tenant = delivery.tenant
    try:
        if delivery.channel == "sms":
            SmsGateway().send(tenant.phone, body)
        elif delivery.channel == "email":
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [tenant.user.email])
        delivery.status = "sent"
        delivery.delivered_at = timezone.now()
    except Exception as exc:  # noqa: BLE001 - gateway errors vary wildly
        delivery.status = "failed"
        delivery.error = str(exc)[:500]
    delivery.save(update_fields=["status", "delivered_at", "error"])
    return delivery


def send_notice(notice, tenants):
    from portal.models import NoticeDelivery

    sent = 0
    for tenant in tenants:
        delivery = NoticeDelivery.objects.create(
            notice=notice, tenant=tenant, channel=tenant.preferred_contact
        )
        if deliver(delivery, notice.subject, notice.body).status == "sent":
            sent += 1
    notice.sent_at = timezone.now()
    notice.save(update_fields=["sent_at"])
    return sent


def send_to_tenant(tenant, code, **context):
    """One-off templated message to a single tenant (receipts, reminders)."""
    from portal.models import Notice

    template, subject, body = render_message(code, tenant=tenant, **context)
    notice = Notice.objects.create(
        template=template, subject=subject, body=body, audience="single"
    )
    return send_notice(notice, [tenant])


def tenants_of_building(building):
    return TenantProfile.objects.filter(
        lease__unit__building=building, lease__status="active"
    ).distinct()
