import io

from pyramid.response import Response
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def render_pdf(lines, title=None, pagesize=letter):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize)
    width, height = pagesize
    y = height - 72
    if title:
        c.setFont('Helvetica-Bold', 14)
        c.drawString(72, y, title)
        y -= 28
    c.setFont('Helvetica', 10)
    for line in lines:
        if y < 72:
            c.showPage()
            c.setFont('Helvetica', 10)
            y = height - 72
        c.drawString(72, y, str(line))
        y -= 14
    c.save()
    return buf.getvalue()


def pdf_response(data, filename):
    resp = Response(body=data, content_type='application/pdf')
    resp.content_disposition = 'inline; filename="%s"' % filename
    return resp
