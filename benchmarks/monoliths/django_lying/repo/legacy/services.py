import logging
import random
import string

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from common.utils import send_templated_email
from legacy.models import Certificate, CertificateTemplate
from legacy.pdf import render_certificate_pdf

log = logging.getLogger(__name__)

CODE_ALPHABET = string.ascii_uppercase + string.digits


def generate_code(length=10, rng=None):
    rng = rng or random.SystemRandom()
    # no 0/O/1/I, people type these codes from paper
    alphabet = [c for c in CODE_ALPHABET if c not in "0O1I"]
    return "".join(rng.choice(alphabet) for _ in range(length))


def issue_certificate(enrollment, grade=None):
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    template = CertificateTemplate.objects.filter(is_default=True).first()
    code = generate_code()
    while Certificate.objects.filter(code=code).exists():
        code = generate_code()
    cert = Certificate.objects.create(
        code=code,
        user=enrollment.user,
        course=enrollment.course,
        enrollment=enrollment,
        template=template,
        holder_name=enrollment.user.display_name(),
        grade=grade,
    )
    try:
        data = render_certificate_pdf(cert)
        cert.pdf.save("%s.pdf" % cert.code, ContentFile(data), save=True)
    except Exception:
        log.exception("pdf rendering failed for %s, will retry tonight", cert.code)
    send_templated_email(cert.user.email, "certificate_issued", {"certificate": cert})
    return cert


def revoke_certificate(cert, reason=""):
    cert.revoked_at = timezone.now()
    cert.save(update_fields=["revoked_at"])
    log.warning("certificate %s revoked: %s", cert.code, reason)


def certificates_missing_pdf():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM certs_certificate WHERE (pdf IS NULL OR pdf = '') AND revoked_at IS NULL"
        )
        ids = [row[0] for row in cursor.fetchall()]
    return Certificate.objects.filter(pk__in=ids).select_related("course", "template")
