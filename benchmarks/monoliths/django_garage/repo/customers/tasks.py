import datetime
import logging

from celery import shared_task
from django.db import connection, transaction
from django.db.models import Count, F
from django.template import Context, Template
from django.utils import timezone

from common.decorators import single_instance_task
from common.tasks import send_sms, send_templated_email
from common.utils import add_months, chunked, today
from customers import loyalty
from customers.models import (Campaign, CampaignRecipient, Coupon, Customer, LoyaltyAccount, PointsTransaction,
                              Vehicle, VehicleOwnership, generate_coupon_code)

logger = logging.getLogger('garage.customers.tasks')


@shared_task
@single_instance_task(timeout=3600)
def expire_loyalty_points():
    n = loyalty.expire_points()
    logger.info('expired %d loyalty points', n)
    return n


@shared_task
def send_campaign(campaign_id):
    campaign = Campaign.objects.get(pk=campaign_id)
    if campaign.sent_at:
        logger.warning('campaign %s already sent', campaign_id)
        return 0
    ids = loyalty.segment_customer_ids(campaign.segment)
    tpl = Template(campaign.body_template)
    sent = 0
    for batch in chunked(ids, 200):
        for customer in Customer.objects.filter(pk__in=batch).select_related('loyalty'):
            rec, created = CampaignRecipient.objects.get_or_create(campaign=campaign, customer=customer)
            if not created and rec.sent_at:
                continue
            ctx = {'customer': customer, 'campaign': campaign}
            if campaign.coupon_value:
                ctx['coupon'] = Coupon.objects.create(
                    customer=customer, campaign=campaign, value=campaign.coupon_value,
                    valid_until=today() + datetime.timedelta(days=60))
            body = tpl.render(Context(ctx))
            ok = False
            if campaign.channel == 'email' and customer.email:
                ok = send_templated_email(customer.email, campaign.subject, 'emails/campaign_wrapper',
                                          {'body': body, 'recipient_id': rec.pk})
            elif campaign.channel == 'sms' and customer.phone:
                ok = send_sms(customer.phone, body) is not None
            if ok:
                rec.sent_at = timezone.now()
                rec.save(update_fields=['sent_at'])
                sent += 1
            if campaign.bonus_points and hasattr(customer, 'loyalty'):
                PointsTransaction.objects.create(account=customer.loyalty, kind='bonus',
                                                 points=campaign.bonus_points, campaign=campaign,
                                                 expires_on=add_months(today(), 6))
                LoyaltyAccount.objects.filter(pk=customer.loyalty.pk).update(
                    points_balance=F('points_balance') + campaign.bonus_points)
    Campaign.objects.filter(pk=campaign.pk).update(sent_at=timezone.now())
    return sent


@shared_task
def send_birthday_coupons():
    d = today()
    qs = Customer.objects.filter(date_of_birth__month=d.month, date_of_birth__day=d.day,
                                 marketing_opt_out=False).exclude(email='')
    for customer in qs:
        coupon = Coupon.objects.create(code=generate_coupon_code('BDAY'), customer=customer,
                                       percent_off=10, valid_until=d + datetime.timedelta(days=30))
        send_templated_email(customer.email, 'Happy birthday from SpeedyFix', 'emails/birthday',
                             {'customer': customer, 'coupon': coupon})


@shared_task
def send_mot_due_reminders(days_ahead=28):
    """Marketing wants these as 'campaigns' too but they're automatic for now."""
    target = today() + datetime.timedelta(days=days_ahead)
    vehicles = (Vehicle.objects.filter(mot_due=target, owner__marketing_opt_out=False)
                .select_related('owner'))
    for v in vehicles:
        text = 'Your %s MOT is due on %s. Book online at speedyfix.example or call us.' % (
            v.registration, v.mot_due.strftime('%d/%m'))
        if v.owner.phone:
            send_sms(v.owner.phone, text)
        elif v.owner.email:
            send_templated_email(v.owner.email, 'MOT due soon', 'emails/mot_due', {'vehicle': v})


@shared_task
def attribute_campaign_conversions(days=30):
    """A recipient 'converted' if they got an invoice within N days of the send."""
    with connection.cursor() as cursor:
        cursor.execute("""
            UPDATE customers_campaignrecipient r
               SET converted_invoice_id = sub.invoice_id
              FROM (
                SELECT r2.id AS rid, MIN(i.id) AS invoice_id
                  FROM customers_campaignrecipient r2
                  JOIN invoices i ON i.customer_id = r2.customer_id
                 WHERE r2.sent_at IS NOT NULL
                   AND r2.converted_invoice_id IS NULL
                   AND i.issued_on BETWEEN r2.sent_at::date AND r2.sent_at::date + %s
                 GROUP BY r2.id
              ) sub
             WHERE r.id = sub.rid
        """, [days])
        return cursor.rowcount


# ---------------------------------------------------------------------------
# customer data hygiene
# ---------------------------------------------------------------------------

@shared_task
def merge_duplicate_customers(dry_run=True):
    """Same email + same surname = same person. Keeps the oldest record."""
    dupes = (Customer.objects.exclude(email='')
             .values('email', 'last_name')
             .annotate(n=Count('id'))
             .filter(n__gt=1))
    merged = 0
    for d in dupes:
        records = list(Customer.objects.filter(email=d['email'], last_name=d['last_name']).order_by('created_at'))
        keep, others = records[0], records[1:]
        if dry_run:
            logger.info('would merge %s into %s', [o.pk for o in others], keep.pk)
            continue
        with transaction.atomic():
            for other in others:
                Vehicle.objects.filter(owner=other).update(owner=keep)
                VehicleOwnership.objects.filter(customer=other).update(customer=keep)
                # other tables point at customers too -- raw because the models are all over the place
                with connection.cursor() as cursor:
                    cursor.execute('UPDATE common_appointment SET customer_id = %s WHERE customer_id = %s',
                                   [keep.pk, other.pk])
                    cursor.execute('UPDATE work_orders SET customer_id = %s WHERE customer_id = %s',
                                   [keep.pk, other.pk])
                    cursor.execute('UPDATE invoices SET customer_id = %s WHERE customer_id = %s',
                                   [keep.pk, other.pk])
                other.delete()
                merged += 1
    return merged


@shared_task
def refresh_vehicle_due_dates():
    """Recompute service_due from the last completed service job (12 months)."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT wo.vehicle_id, MAX(wo.completed_at)::date AS last_service
              FROM work_orders wo
             WHERE wo.status IN ('completed', 'invoiced', 'collected')
               AND wo.job_type IN ('FULL', 'INTERIM', 'MAJOR')
             GROUP BY wo.vehicle_id
        """)
        rows = cursor.fetchall()
    for vehicle_id, last_service in rows:
        Vehicle.objects.filter(pk=vehicle_id).update(service_due=add_months(last_service, 12))
    return len(rows)
