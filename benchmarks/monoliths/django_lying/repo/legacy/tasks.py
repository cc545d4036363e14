"""Nightly jobs, run from cron with `python manage.py shell -c "from legacy import tasks; ..."`.

They ended up here because the first one (certificate PDFs) was ported from the old site.
"""
import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from common.utils import chunked, send_templated_email

log = logging.getLogger("tasks")


def expire_subscriptions(now=None):
    from core.models import Subscription

    now = now or timezone.now()
    expired = Subscription.objects.filter(
        status__in=[Subscription.ACTIVE, Subscription.PAST_DUE], current_period_end__lt=now
    )
    count = expired.filter(cancel_at_period_end=True).update(status=Subscription.CANCELED)
    count += expired.update(status=Subscription.EXPIRED)
    log.info("expired %d subscriptions", count)
    return count


def send_renewal_reminders(days_before=3):
    from core.models import Subscription

    soon = timezone.now() + timedelta(days=days_before)
    subs = Subscription.objects.filter(
        status=Subscription.ACTIVE,
        cancel_at_period_end=False,
        current_period_end__date=soon.date(),
    ).select_related("user", "plan")
    sent = 0
    for sub in subs:
        if send_templated_email(sub.user.email, "renewal_reminder", {"subscription": sub}):
            sent += 1
    return sent


def remind_inactive_students(days=14):
    sql = """
        SELECT u.email, c.title, e.id
        FROM enrollments e
        JOIN accounts_user u ON u.id = e.user_id
        JOIN core_course c ON c.id = e.course_id
        WHERE e.status = 'active'
          AND e.last_activity_at < NOW() - (%s || ' days')::interval
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [days])
        rows = cursor.fetchall()
    for batch in chunked(rows, 100):
        for email, title, enrollment_id in batch:
            send_templated_email(email, "come_back", {"course_title": title})
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO main_enrollmentlog (enrollment_id, event, note, at) "
                "SELECT id, 'reminded', '', NOW() FROM enrollments WHERE id = ANY(%s)",
                [[row[2] for row in batch]],
            )
    return len(rows)


def issue_pending_certificates():
    from legacy.pdf import render_certificate_pdf
    from legacy.services import certificates_missing_pdf

    done = 0
    for cert in certificates_missing_pdf():
        try:
            cert.pdf.save("%s.pdf" % cert.code, ContentFile(render_certificate_pdf(cert)), save=True)
            done += 1
        except Exception:
            log.exception("still cannot render %s", cert.code)
    return done


def cleanup_verification_tokens(days=30):
    from common.models import EmailVerification

    cutoff = timezone.now() - timedelta(days=days)
    deleted, _ = EmailVerification.objects.filter(created_at__lt=cutoff).delete()
    return deleted
