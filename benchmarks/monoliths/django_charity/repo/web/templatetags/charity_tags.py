from django import template
from django.utils.html import format_html

from utils.helpers import format_money

register = template.Library()


@register.filter
def money(value):
    return format_money(value)


@register.simple_tag
def progress_bar(campaign):
    pct = min(campaign.percent_of_target(), 100)
    return format_html('<div class="progress"><div class="bar" style="width:{}%"></div></div>', pct)

