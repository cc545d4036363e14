"""Stay & ski packages: lodging + lift tickets (+ rental) in one go.
Sold by the central reservations team, so it lives with lodging."""
import datetime

from ..lib.money import percent_of, round_money
from ..models import DBSession
from ..models.passes import PassProduct
from ..models.rental import EquipmentCategory
from . import lodging
from .passes import sell_pass
from .pricing import quote_pass
from .rental import rental_quote

PACKAGE_DISCOUNT_PCT = 12
PACKAGE_PASS_CODE = 'MULTI'
STANDARD_RENTAL_CATEGORY = 'Sport Ski Package'


def _pass_product(nights):
    return DBSession.query(PassProduct).filter(
        PassProduct.code == '%s%d' % (PACKAGE_PASS_CODE, max(nights, 2))).first()


def package_price(unit_type, arrival, departure, skiers, with_rental=False):
    nights = (departure - arrival).days
    stay = lodging.quote_stay(unit_type, arrival, departure)
    product = _pass_product(nights)
    tickets = quote_pass(product, arrival).total * skiers if product else 0
    rental = 0
    if with_rental:
        cat = DBSession.query(EquipmentCategory).filter(
            EquipmentCategory.name == STANDARD_RENTAL_CATEGORY).first()
        rental = rental_quote([cat.id], nights) * skiers
    gross = stay + tickets + rental
    return {'stay': stay, 'tickets': tickets, 'rental': rental,
            'discount': percent_of(gross, PACKAGE_DISCOUNT_PCT),
            'total': round_money(gross - percent_of(gross, PACKAGE_DISCOUNT_PCT))}


def book_stay_and_ski(guest, unit_type, arrival, departure, skiers, with_rental=False,
                      user=None):
    price = package_price(unit_type, arrival, departure, skiers, with_rental)
    res = lodging.create_reservation(guest, unit_type, arrival, departure, adults=skiers,
                                     package_code='STAYSKI', user=user)
    product = _pass_product(res.nights)
    passes = []
    if product is not None:
        # TODO: passes for the other skiers in the party, for now all on the lead guest
        for _ in range(skiers):
            passes.append(sell_pass(guest, product, arrival, user=user, charge=False))
    # the package discount goes on the lodging line
    res.total = round_money(res.total - price['discount'])
    return res, passes
