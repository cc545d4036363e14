import io

from django.conf import settings
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

_FONT = "Lora"


def _register_font():
    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_FONT, str(settings.CERTIFICATE_FONT_PATH)))


def _centered(c, text, y, size):
    width, _ = landscape(A4)
    c.setFont(_FONT, size)
    c.drawCentredString(width / 2, y, text)


def render_certificate_pdf(cert):
    _register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4))
    template = cert.template
    if template is not None and template.background:
        width, height = landscape(A4)
        c.drawImage(template.background.path, 0, 0, width=width, height=height)
    title_y = template.title_y if template else 420
    name_y = template.name_y if template else 360
    _centered(c, "Certificate of Completion", title_y, 30)
    _centered(c, cert.holder_name, name_y, 26)
    _centered(c, cert.course.title, name_y - 50, 18)
    if cert.grade is not None:
        _centered(c, "Final grade: %s%%" % cert.grade, name_y - 80, 12)
    _centered(c, "Verify at %s" % cert.public_url(), 40, 9)
    if template is not None and template.signature_name:
        _centered(c, template.signature_name, 90, 12)
    c.showPage()
    c.save()
    return buf.getvalue()


def render_certificate_v1(name, course_title, date):
    # the original plain-text "certificate" from the PHP site; nothing calls it any more
    lines = [
        "=" * 60,
        "CERTIFICATE".center(60),
        ("This certifies that %s" % name).center(60),
        ("completed %s on %s" % (course_title, date)).center(60),
        "=" * 60,
    ]
    return "\n".join(lines)
