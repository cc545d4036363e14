from django import template
from django.utils.html import format_html

from utils.money import format_money

register = template.Library()


@register.filter(name="money")
def money(value):
    return format_money(value)


@register.filter
def plural(n, word="item"):
    """{{ n|plural:"animal" }} -> '3 animals'"""
    return "%d %s%s" % (n, word, "" if n == 1 else "s")


@register.simple_tag
def animal_status_badge(animal):
    colours = {"active": "green", "quarantine": "orange", "offshow": "grey",
               "transferred": "blue", "deceased": "black"}
    return format_html('<span class="badge badge-{}">{}</span>',
                       colours.get(animal.status, "grey"), animal.get_status_display())


@register.simple_tag
def iucn_badge(species):
    if not species.iucn_status:
        return ""
    return format_html('<span class="iucn iucn-{}" title="{}">{}</span>',
                       species.iucn_status.lower(), species.get_iucn_status_display(),
                       species.iucn_status)


@register.simple_tag
def tickets_left(date):
    from core.models import DailyCapacity
    cap = DailyCapacity.objects.filter(date=date).first()
    if cap is None:
        return "Plenty"
    if cap.closed:
        return "Closed"
    if cap.remaining < 200:
        return "Only %d left" % cap.remaining
    return "Available"


@register.inclusion_tag("website/_next_talk.html")
def next_keeper_talk(enclosure):
    from website.models import KeeperTalk
    from utils.dates import now_local
    now = now_local()
    talk = (KeeperTalk.objects.filter(enclosure=enclosure, active=True, talk_time__gte=now.time())
            .order_by("talk_time").first())
    if talk and not talk.runs_on(now.date()):
        talk = None
    return {"talk": talk}


@register.simple_tag(takes_context=True)
def member_price_note(context, event):
    request = context.get("request")
    if event.member_price is None or not request or not request.user.is_authenticated:
        return ""
    from core.models import Member
    m = Member.objects.filter(user=request.user).first()
    if m and m.current_membership():
        return format_html("Members pay {}", format_money(event.member_price))
    return ""
