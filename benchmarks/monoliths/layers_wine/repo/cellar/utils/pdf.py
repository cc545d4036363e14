from flask import render_template

try:
    from weasyprint import HTML
except ImportError:  # dev boxes without cairo
    HTML = None


def render_pdf(template, **ctx):
    html = render_template(template, **ctx)
    if HTML is None:
        return html.encode("utf-8")
    return HTML(string=html).write_pdf()
