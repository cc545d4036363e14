from django import template
from django.utils.html import format_html

from shared.utils import format_money, normalise_vrm

register = template.Library()


@register.filter
def money(pence):
    return format_money(pence)


@register.filter
def vrm(value):
    value = normalise_vrm(value)
    # UK current format: AB12 CDE
    if len(value) == 7 and value[:2].isalpha() and value[2:4].isdigit():
        return "%s %s" % (value[:4], value[4:])
    return value


@register.simple_tag
def occupancy_class(carpark):
    if not carpark.capacity:
        return "occ-unknown"
    pct = 100.0 * (carpark.capacity - carpark.free_spaces()) / carpark.capacity
    if pct >= 95:
        return "occ-full"
    if pct >= 75:
        return "occ-busy"
    return "occ-ok"


@register.simple_tag
def pcn_status_badge(pcn):
    colours = {"issued": "warning", "paid": "success", "cancelled": "secondary",
               "challenged": "info", "charge_cert": "danger", "debt": "dark"}
    return format_html('<span class="badge badge-{}">{}</span>',
                       colours.get(pcn.status, "light"), pcn.get_status_display())
