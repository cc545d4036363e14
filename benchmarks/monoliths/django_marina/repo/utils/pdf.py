from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(template, context):
    from weasyprint import HTML
    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


class PdfResponse(HttpResponse):
    def __init__(self, content, filename='document.pdf', inline=True):
        super().__init__(content, content_type='application/pdf')
        disp = 'inline' if inline else 'attachment'
        self['Content-Disposition'] = '%s; filename="%s"' % (disp, filename)
