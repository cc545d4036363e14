"""Fuel dock. Pumps post transactions to /api/pump/ (see api.views.pump_webhook)."""
import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from shop.models import FuelPrice, FuelSale, FuelTank, TankDip
from utils.misc import fuel_duty_rate
from utils.money import round_money

log = logging.getLogger(__name__)


def current_price(fuel_type):
    p = FuelPrice.objects.filter(fuel_type=fuel_type, effective_from__lte=timezone.now()).order_by('-effective_from').first()
    if p is None:
        raise ValueError('no price set for %s' % fuel_type)
    return p.price_per_litre


def set_price(fuel_type, price, user=None):
    return FuelPrice.objects.create(fuel_type=fuel_type, price_per_litre=price, set_by=user)


def duty_split(litres, propulsion_pct):
    """Red diesel: propulsion part at full duty since 2022, rest (heating/generator) at rebated rate."""
    litres = Decimal(litres)
    prop = round_money(litres * Decimal(propulsion_pct) / 100)
    return prop, litres - prop


def record_fuel_sale(tank, litres, owner=None, boat_name='', propulsion_pct=None, pump_txn='', sale=None):
    if propulsion_pct is None:
        propulsion_pct = int((1 - Decimal(settings.RED_DIESEL_DOMESTIC_RATE)) * 100) if tank.fuel_type == 'red' else 100
    price = current_price(tank.fuel_type)
    if tank.fuel_type == 'red':
        prop, other = duty_split(litres, propulsion_pct)
        total = round_money(prop * (price + fuel_duty_rate('diesel') - fuel_duty_rate('red')) + other * price)
    else:
        total = round_money(Decimal(litres) * price)
    return FuelSale.objects.create(tank=tank, litres=litres, price_per_litre=price, total=total, owner=owner,
                                   boat_name=boat_name, propulsion_pct=propulsion_pct, pump_txn=pump_txn, sale=sale)


def record_dip(tank, litres, who, delivery=0):
    return TankDip.objects.create(tank=tank, litres=litres, taken_by=who, delivery_litres=delivery)


def tank_level(tank):
    last = tank.dips.order_by('-taken_at').first()
    if last is None:
        return None
    sold = FuelSale.objects.filter(tank=tank, at__gt=last.taken_at).aggregate(s=Sum('litres'))['s'] or 0
    return last.litres - sold


def reconcile_tank(tank, day):
    """Compare pump sales with dips for a day. Returns litres unaccounted for."""
    dips = list(tank.dips.filter(taken_at__date=day).order_by('taken_at'))
    if len(dips) < 2:
        return None
    first, last = dips[0], dips[-1]
    delivered = sum(d.delivery_litres for d in dips[1:])
    sold = FuelSale.objects.filter(tank=tank, at__gte=first.taken_at, at__lte=last.taken_at).aggregate(s=Sum('litres'))['s'] or 0
    expected = first.litres + delivered - sold
    return last.litres - expected
