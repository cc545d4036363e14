import datetime
import logging

from ..dal.bookings import ReservationRepository
from ..dal.commerce import PosRepository
from ..lib.integrations import FiscalPrinter
from ..lib.money import add_tax, round_money, to_decimal, ZERO
from ..models import DBSession
from ..models.fnb import PosCheck, PosCheckLine
from . import billing, loyalty

log = logging.getLogger(__name__)


class PosError(Exception):
    pass


def open_check(outlet, server, table_no=None, register_no=1):
    check = PosCheck(outlet_id=outlet.id, server=server, table_no=table_no,
                     register_no=register_no, status='open')
    DBSession.add(check)
    DBSession.flush()
    return check


def add_line(check, menu_item, qty=1, modifiers=None):
    if check.status != 'open':
        raise PosError('check %s is %s' % (check.id, check.status))
    line = PosCheckLine(check_id=check.id, menu_item_id=menu_item.id, qty=qty,
                        unit_price=menu_item.price, modifiers=modifiers or {})
    check.lines.append(line)
    recalc_check(check)
    return line


def void_line(line, reason):
    line.voided = True
    line.void_reason = reason
    recalc_check(line.check)


def recalc_check(check):
    subtotal = ZERO
    tax = ZERO
    for line in check.lines:
        if line.voided:
            continue
        amount = to_decimal(line.unit_price) * line.qty
        line_tax, _ = add_tax(amount, line.menu_item.tax_rate if line.menu_item else 0)
        subtotal += amount
        tax += line_tax
    check.subtotal = round_money(subtotal)
    check.tax = round_money(tax)
    check.total = round_money(subtotal + tax + to_decimal(check.tip))
    return check


def close_check(check, tender, tip=0, print_receipt=True):
    check.tip = round_money(tip)
    recalc_check(check)
    check.tender = tender
    check.status = 'room' if tender == 'room' else 'closed'
    check.closed_at = datetime.datetime.utcnow()
    if print_receipt and not check.outlet.offline_mode:
        try:
            check.fiscal_no = FiscalPrinter().print_receipt(check)
        except Exception:  # printer is flaky, don't lose the sale
            log.exception('fiscal printer failed for check %s', check.id)
    if check.guest_id:
        loyalty.award_points(check.guest, check.subtotal, 'pos', check.id)
    return check


def charge_to_room(check, confirmation_code, user=None):
    res = ReservationRepository().by_code(confirmation_code)
    if res is None or res.status != 'in_house':
        raise PosError('no in-house reservation %s' % confirmation_code)
    check.guest_id = res.guest_id
    recalc_check(check)
    charge = billing.post_charge(res.guest_id, 'pos', check.subtotal + to_decimal(check.tip),
                                 '%s check %s' % (check.outlet.name, check.id),
                                 source_ref=check.id, tax=check.tax, user=user)
    check.folio_charge_id = charge.id
    return close_check(check, 'room', check.tip)


def end_of_day(outlet, day=None):
    day = day or datetime.date.today()
    repo = PosRepository()
    still_open = repo.open_checks(outlet.id)
    if still_open:
        raise PosError('%d checks still open' % len(still_open))
    checks = repo.closed_on(outlet.id, day)
    totals = {}
    for c in checks:
        totals[c.tender] = totals.get(c.tender, ZERO) + to_decimal(c.total)
    z = None
    if not outlet.offline_mode:
        z = FiscalPrinter().z_report()
    return {'outlet': outlet.code, 'day': day, 'checks': len(checks), 'totals': totals,
            'z': z}


def legacy_comp_check(check_id, manager_pin):
    # old "comp" button, replaced by tender='comp' in close_check
    check = DBSession.query(PosCheck).get(check_id)
    check.status = 'void'
    return check
