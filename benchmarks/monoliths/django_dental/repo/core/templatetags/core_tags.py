from django import template
from django.utils.html import format_html

from clinic.helpers import tooth_display_name
from utils.money import format_money

register = template.Library()


@register.filter
def money(value):
    return format_money(value)


@register.filter
def tooth_name(value):
    return tooth_display_name(value)


CLAIM_COLOURS = {'rejected': 'danger', 'paid': 'success', 'submitted': 'info', 'part_paid': 'warning'}


@register.simple_tag
def claim_status_badge(claim):
    return format_html('<span class="badge badge-{}">{}</span>', CLAIM_COLOURS.get(claim.status, 'secondary'),
                       claim.get_status_display())
