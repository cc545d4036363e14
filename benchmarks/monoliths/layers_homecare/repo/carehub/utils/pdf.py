import os

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "templates")
_env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=select_autoescape(["html"]))


def render_html(template_name, **context):
    return _env.get_template(template_name).render(**context)


def render_pdf(template_name, **context):
    from weasyprint import HTML  # slow import, keep it lazy
    html = render_html(template_name, **context)
    return HTML(string=html).write_pdf()
