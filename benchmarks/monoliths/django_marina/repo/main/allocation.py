"""Berth allocation rules. Most of this is from the 2017 rewrite (Dave)."""
import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from main.models import Berth, BerthAllocation, BerthTariff, WaitingListEntry
from utils.dates import season_for
from utils.email import send_templated_email
from utils.misc import length_band
from utils.money import round_money

log = logging.getLogger(__name__)

BERTH_MARGIN_M = Decimal('0.5')


class AllocationError(Exception):
    pass


def _fits(berth, boat):
    if berth.out_of_service:
        return False
    if boat.loa_m + BERTH_MARGIN_M > berth.length_m:
        return False
    if boat.beam_m > berth.width_m:
        return False
    if berth.depth_m and boat.draft_m >= berth.depth_m:
        return False
    return True


def find_free_berths(boat, start, end=None, pontoon=None, visitor=False):
    clash = BerthAllocation.objects.exclude(status__in=('cancelled', 'ended')).filter(start_date__lte=end or start)
    clash = clash.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    qs = Berth.objects.filter(is_visitor=visitor, out_of_service=False).exclude(
        pk__in=clash.values('berth_id'))
    if pontoon:
        qs = qs.filter(pontoon=pontoon)
    return [b for b in qs.select_related('pontoon') if _fits(b, boat)]


def berth_fee_for(boat, contract_type='annual', on=None):
    on = on or timezone.localdate()
    season = contract_type if contract_type != 'seasonal' else season_for(on)
    band = length_band(boat.loa_m)
    tariff = BerthTariff.objects.filter(season=season, band=band, valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)).order_by('-valid_from').first()
    if tariff is None:
        raise AllocationError('No tariff for %s/%s' % (season, band))
    return round_money(tariff.price_per_m * boat.loa_m)


@transaction.atomic
def allocate_berth(berth, boat, start, end=None, contract_type='annual', price=None, confirm=False):
    if not _fits(berth, boat):
        raise AllocationError('%s does not fit %s' % (boat, berth))
    if berth not in find_free_berths(boat, start, end, visitor=berth.is_visitor):
        raise AllocationError('%s is not free' % berth)
    if boat.owner.on_stop:
        raise AllocationError('Owner account on stop')
    alloc = BerthAllocation.objects.create(
        berth=berth, boat=boat, owner=boat.owner, start_date=start, end_date=end,
        contract_type=contract_type, agreed_price=price or berth_fee_for(boat, contract_type, start),
        status='confirmed' if confirm else 'provisional')
    WaitingListEntry.objects.filter(boat=boat, active=True).update(active=False)
    return alloc


def release_berth(allocation, on=None, reason=''):
    on = on or timezone.localdate()
    allocation.end_date = on
    allocation.status = 'ended'
    allocation.save(update_fields=['end_date', 'status', 'modified'])
    log.info('released %s (%s)', allocation.berth, reason)
    return allocation


def offer_to_waiting_list(berth):
    """Offer a freed berth to the first suitable waiting list entry."""
    entries = WaitingListEntry.objects.filter(active=True, offered_berth__isnull=True,
                                              min_length_m__lte=berth.length_m).select_related('owner', 'boat')
    for entry in entries:
        if entry.preferred_pontoon_id and entry.preferred_pontoon_id != berth.pontoon_id:
            continue
        if entry.boat and not _fits(berth, entry.boat):
            continue
        entry.offered_berth = berth
        entry.offer_expires = timezone.localdate() + datetime.timedelta(days=settings.WAITING_LIST_OFFER_DAYS)
        entry.save()
        send_templated_email(entry.owner.email, 'Berth offer - %s' % berth, 'berth_offer',
                             {'entry': entry, 'berth': berth})
        return entry
    return None


def renew_annual_contracts(year):
    from main.billing import create_invoice, add_line, issue_invoice
    renewed = 0
    qs = BerthAllocation.active.filter(contract_type='annual', status='confirmed').select_related('boat', 'owner', 'berth')
    for alloc in qs:
        start = datetime.date(year, 4, 1)
        fee = berth_fee_for(alloc.boat, 'annual', start)
        inv = create_invoice(alloc.owner, source='berth')
        add_line(inv, 'Annual berth %s %s/%s' % (alloc.berth, year, year + 1), fee, nominal='4100')
        issue_invoice(inv)
        alloc.agreed_price = fee
        alloc.invoice = inv
        alloc.save()
        renewed += 1
    return renewed


def legacy_allocate(berth_no, boat_id):
    # old signature used by the access-db import, kept for the import command
    from boats.models import Boat
    berth = Berth.objects.get(number=berth_no)
    return allocate_berth(berth, Boat.objects.get(pk=boat_id), timezone.localdate(), confirm=True)
