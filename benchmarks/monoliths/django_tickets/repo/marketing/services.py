import logging

from django.conf import settings
from django.db import connection
from django.utils import timezone

from common.utils import chunked, format_showtime, generate_code, send_plain_mail
from marketing.models import Campaign, CampaignSend, MailingList, Subscriber

log = logging.getLogger("marketing")


def subscribe(email, first_name="", list_slugs=("newsletter",), source="web"):
    subscriber, created = Subscriber.objects.get_or_create(
        email=email.strip().lower(),
        defaults={"first_name": first_name, "unsubscribe_token": generate_code(24), "source": source})
    if not created and subscriber.unsubscribed_at:
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["unsubscribed_at", "updated_at"])
    subscriber.lists.add(*MailingList.objects.filter(slug__in=list_slugs))
    return subscriber


def unsubscribe(token):
    updated = Subscriber.objects.filter(unsubscribe_token=token, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now())
    return bool(updated)


def sync_opted_in_customers():
    """Customers who ticked the box at checkout become newsletter subscribers."""
    from shop.models import Customer

    added = 0
    for customer in Customer.objects.filter(marketing_opt_in=True).only("email", "first_name"):
        if not Subscriber.objects.filter(email=customer.email).exists():
            subscribe(customer.email, customer.first_name, source="checkout")
            added += 1
    return added


def past_buyer_emails(event):
    """E-mails of people who bought tickets for an event in the same category before."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT DISTINCT c.email
            FROM shop_customer c
            JOIN orders o ON o.customer_id = c.id AND o.status = 'paid'
            JOIN shop_orderline l ON l.order_id = o.id
            JOIN performances p ON p.id = l.performance_id
            JOIN core_event_categories ec ON ec.event_id = p.event_id
            WHERE ec.category_id IN (SELECT category_id FROM core_event_categories WHERE event_id = %s)
              AND c.marketing_opt_in = TRUE
            """,
            [event.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def build_audience(campaign):
    subscribers = Subscriber.objects.filter(unsubscribed_at__isnull=True)
    if campaign.mailing_list_id:
        subscribers = subscribers.filter(lists=campaign.mailing_list)
    if campaign.target_past_buyers and campaign.event_id:
        subscribers = subscribers.filter(email__in=past_buyer_emails(campaign.event))
    already = CampaignSend.objects.filter(campaign=campaign).values_list("subscriber_id", flat=True)
    return subscribers.exclude(pk__in=already)


def render_body(campaign, subscriber):
    body = campaign.body.replace("{{first_name}}", subscriber.first_name or "there")
    if campaign.event_id:
        first = campaign.event.performances.filter(is_cancelled=False).order_by("starts_at").first()
        body = body.replace("{{date}}", format_showtime(first.starts_at) if first else "")
    return body + f"\n\nUnsubscribe: https://marquee.example/marketing/unsubscribe/{subscriber.unsubscribe_token}/"


def send_campaign(campaign):
    campaign.status = "sending"
    campaign.save(update_fields=["status", "updated_at"])
    sent = 0
    for batch in chunked(build_audience(campaign).iterator(), settings.MAILER_BATCH_SIZE):
        for subscriber in batch:
            if send_plain_mail(subscriber.email, campaign.subject, render_body(campaign, subscriber)):
                CampaignSend.objects.create(campaign=campaign, subscriber=subscriber)
                sent += 1
    campaign.status = "sent"
    campaign.save(update_fields=["status", "updated_at"])
    log.info("campaign %s sent to %s", campaign.pk, sent)
    return sent


def queue_announcement(event):
    if Campaign.objects.filter(event=event, name__startswith="Announce:").exists():
        return None
    return Campaign.objects.create(
        name=f"Announce: {event.title}", subject=f"Just announced: {event.title}",
        body="Hi {{first_name}},\n\n" + f"{event.title} is on sale now. First show {{{{date}}}}.",
        event=event, target_past_buyers=True, status="draft")


def campaign_stats(campaign):
    sends = CampaignSend.objects.filter(campaign=campaign)
    total = sends.count()
    opened = sends.filter(opened_at__isnull=False).count()
    codes = campaign.promo_codes.all()
    return {"sent": total, "opened": opened, "open_rate": round(100 * opened / total, 1) if total else 0,
            "redemptions": sum(c.times_used for c in codes)}
