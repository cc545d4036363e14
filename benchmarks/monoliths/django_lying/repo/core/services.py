import logging
from datetime import timedelta

import stripe
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone

from core.models import Coupon, Course, Payment, Plan, Subscription

log = logging.getLogger(__name__)


class CheckoutError(Exception):
    pass


# ---------------------------------------------------------------- catalogue


def search_courses(query=None, category=None, level=None, tag=None):
    qs = Course.objects.filter(status=Course.PUBLISHED).select_related("category", "instructor")
    if query:
        qs = qs.filter(
            Q(title__icontains=query) | Q(summary__icontains=query) | Q(tags__name__iexact=query)
        )
    if category:
        qs = qs.filter(Q(category__slug=category) | Q(category__parent__slug=category))
    if level:
        qs = qs.filter(level=level)
    if tag:
        qs = qs.filter(tags__name=tag)
    return qs.distinct().order_by("-published_at")


def course_stats(course):
    from main.models import Enrollment, Review

    enrolled = Enrollment.objects.filter(course=course).count()
    reviews = Review.objects.filter(course=course, hidden=False).aggregate(
        avg=Avg("rating"), n=Count("id")
    )
    return {
        "enrolled": enrolled,
        "rating": round(float(reviews["avg"] or 0), 2),
        "reviews": reviews["n"],
    }


def refresh_course_rating(course):
    stats = course_stats(course)
    Course.objects.filter(pk=course.pk).update(rating_avg=stats["rating"])


# ---------------------------------------------------------------- money


class StripeClient:
    """Thin wrapper so tests can swap Stripe out."""

    def __init__(self, api_key=None):
        self.api_key = api_key or settings.STRIPE_SECRET_KEY

    def create_intent(self, amount_cents, currency, customer=None, metadata=None):
        return stripe.PaymentIntent.create(
            api_key=self.api_key,
            amount=amount_cents,
            currency=currency.lower(),
            customer=customer or None,
            metadata=metadata or {},
        )

    def refund(self, intent_id):
        return stripe.Refund.create(api_key=self.api_key, payment_intent=intent_id)

    def construct_event(self, payload, signature):
        return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)


def validate_coupon(code, course=None):
    try:
        coupon = Coupon.objects.get(code__iexact=code.strip())
    except Coupon.DoesNotExist:
        raise CheckoutError("Unknown coupon")
    if coupon.valid_until and coupon.valid_until < timezone.now():
        raise CheckoutError("Coupon expired")
    if coupon.max_redemptions and coupon.times_redeemed >= coupon.max_redemptions:
        raise CheckoutError("Coupon fully redeemed")
    if course is not None and coupon.courses.exists() and not coupon.courses.filter(pk=course.pk).exists():
        raise CheckoutError("Coupon not valid for this course")
    return coupon


def compute_price(course, coupon=None, vat_rate=None):
    """Returns (net_cents, vat_cents). VAT is charged on the discounted amount."""
    vat_rate = settings.VAT_RATE if vat_rate is None else vat_rate
    amount = course.price_cents
    if coupon is not None:
        amount -= coupon.discount_for(amount)
    amount = max(amount, 0)
    vat = int(round(amount * vat_rate))
    return amount, vat


def apply_coupon_legacy(price, code):
    # old pricing path, replaced by compute_price; keep until the mobile app 1.x is gone
    if code.upper().startswith("HALF"):
        return price // 2
    return price


def start_checkout(user, course, coupon_code=None, client=None):
    client = client or StripeClient()
    coupon = validate_coupon(coupon_code, course) if coupon_code else None
    net, vat = compute_price(course, coupon)
    payment = Payment.objects.create(
        user=user, course=course, coupon=coupon, amount_cents=net, vat_cents=vat
    )
    if net + vat == 0:
        mark_payment_succeeded(payment)
        return payment, None
    intent = client.create_intent(
        net + vat,
        payment.currency,
        customer=user.stripe_customer_id,
        metadata={"payment_id": payment.pk, "course": course.slug},
    )
    payment.stripe_intent_id = intent["id"]
    payment.save(update_fields=["stripe_intent_id"])
    return payment, intent["client_secret"]


@transaction.atomic
def mark_payment_succeeded(payment):
    from main.services import enroll_user

    if payment.status == Payment.SUCCEEDED:
        return payment
    payment.status = Payment.SUCCEEDED
    payment.save(update_fields=["status", "updated_at"])
    if payment.coupon_id:
        Coupon.objects.filter(pk=payment.coupon_id).update(times_redeemed=models_F("times_redeemed") + 1)
    if payment.course_id:
        enroll_user(payment.user, payment.course, source="purchase")
    return payment


def models_F(name):
    # circular import dance, see #212
    from django.db.models import F

    return F(name)


def mark_payment_failed(payment, reason=""):
    payment.status = Payment.FAILED
    payment.failure_reason = reason[:255]
    payment.save(update_fields=["status", "failure_reason", "updated_at"])


def start_subscription(user, plan_code, stripe_subscription_id=""):
    plan = Plan.objects.get(code=plan_code, is_active=True)
    period = timedelta(days=365 if plan.interval == "year" else 30)
    sub, created = Subscription.objects.update_or_create(
        user=user,
        plan=plan,
        defaults={
            "status": Subscription.ACTIVE,
            "current_period_end": timezone.now() + period,
            "stripe_subscription_id": stripe_subscription_id,
            "cancel_at_period_end": False,
        },
    )
    Payment.objects.create(user=user, subscription=sub, amount_cents=plan.price_cents)
    return sub


def cancel_subscription(subscription, at_period_end=True):
    if at_period_end:
        subscription.cancel_at_period_end = True
    else:
        subscription.status = Subscription.CANCELED
        subscription.current_period_end = timezone.now()
    subscription.save()
    return subscription


def revenue_report(start, end):
    """Monthly revenue per course for the finance spreadsheet."""
    sql = """
        SELECT date_trunc('month', p.created_at) AS month,
               c.title,
               SUM(p.amount_cents) AS net_cents,
               SUM(p.vat_cents) AS vat_cents,
               COUNT(*) AS n
        FROM payments p
        LEFT JOIN core_course c ON c.id = p.course_id
        WHERE p.status = 'succeeded' AND p.created_at >= %s AND p.created_at < %s
        GROUP BY 1, 2
        ORDER BY 1, 3 DESC
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [start, end])
        columns = [col[0] for col in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]
