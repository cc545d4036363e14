from django import template
from django.utils.html import format_html

from common.utils import format_money

register = template.Library()


@register.filter
def money(value, currency=None):
    return format_money(value, currency)


@register.simple_tag
def invoice_status_badge(invoice):
    colours = {"paid": "success", "open": "info", "overdue": "danger", "void": "secondary", "draft": "light"}
    return format_html('<span class="badge badge-{}">{}</span>', colours.get(invoice.status, "light"),
                       invoice.get_status_display())
