from celery import shared_task

from common.notify import send_email
from hr.services import expiring_certifications


@shared_task
def certification_expiry_digest():
    certs = list(expiring_certifications(60))
    if not certs:
        return 0
    lines = ["%-30s %-22s %s" % (c.staff.full_name, c.get_kind_display(), c.expires_on) for c in certs]
    send_email("hr@hvusd.example", "Certifications expiring in the next 60 days", "\n".join(lines))
    for cert in certs:
        if cert.staff.email:
            send_email(cert.staff.email, "Your %s expires on %s" % (cert.get_kind_display(), cert.expires_on),
                       "Please send a renewed copy to HR before it expires.")
    return len(certs)
