import datetime

from django.db.models import Q, Sum, Count
from django.utils import timezone

from core.models import Supporter
from crm.models import Segment

# rules look like {"min_lifetime": 100, "lapsed_months": 12, "channel": "email",
#                  "campaigns": ["XMAS21"], "regular_givers": false}


def apply_rules(qs, rules):
    if rules.get("min_lifetime"):
        qs = qs.filter(lifetime_value__gte=rules["min_lifetime"])
    if rules.get("lapsed_months"):
        cutoff = timezone.localdate() - datetime.timedelta(days=30 * int(rules["lapsed_months"]))
        qs = qs.filter(last_gift_date__lt=cutoff)
    if rules.get("campaigns"):
        qs = qs.filter(donation__campaign__code__in=rules["campaigns"]).distinct()
    if rules.get("regular_givers") is True:
        qs = qs.filter(recurringgift__status="active").distinct()
    elif rules.get("regular_givers") is False:
        qs = qs.exclude(recurringgift__status="active")
    if rules.get("channel"):
        qs = qs.filter(contactpreference__channel=rules["channel"],
                       contactpreference__opted_in=True)
    if rules.get("postcode_prefix"):
        qs = qs.filter(address__postcode__startswith=rules["postcode_prefix"].upper(),
                       address__primary=True)
    return qs


def segment_queryset(segment):
    base = Supporter.objects.filter(deceased=False, merged_into__isnull=True)
    return apply_rules(base, segment.rules or {})


def refresh_segment(segment):
    segment.last_count = segment_queryset(segment).count()
    segment.refreshed = timezone.now()
    segment.save()
    return segment.last_count


def old_segment_sql(segment):
    # first version built SQL strings by hand; left for reference
    where = ["deceased = false"]
    if segment.rules.get("min_lifetime"):
        where.append("lifetime_value >= %d" % int(segment.rules["min_lifetime"]))
    return "SELECT id FROM core_supporter WHERE " + " AND ".join(where)
