from io import BytesIO

from django.http import HttpResponse
from django.template.loader import render_to_string

try:
    from weasyprint import HTML
except ImportError:  # dev boxes without cairo
    HTML = None


def render_pdf(template_name, context, base_url=None):
    html = render_to_string(template_name, context)
    if HTML is None:
        return html.encode('utf-8')
    out = BytesIO()
    HTML(string=html, base_url=base_url).write_pdf(out)
    return out.getvalue()


class PdfResponse(HttpResponse):
    def __init__(self, content, filename='document.pdf', inline=True, **kwargs):
        super().__init__(content, content_type='application/pdf', **kwargs)
        disp = 'inline' if inline else 'attachment'
        self['Content-Disposition'] = '%s; filename="%s"' % (disp, filename)
