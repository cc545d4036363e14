import datetime
import logging

from sqlalchemy import func

from ..dal.commerce import PassRepository
from ..lib.barcodes import check_serial, make_serial, qr_png
from ..lib.crypto import sign_payload, verify_signature
from ..lib.pdf import render_pdf
from ..models import DBSession
from ..models.mountain import Lift
from ..models.passes import LiftPass, PassScan
from . import billing, loyalty, notifications
from .pricing import quote_pass

log = logging.getLogger(__name__)

RESCAN_LOCKOUT = datetime.timedelta(minutes=5)


class PassError(Exception):
    pass


def next_serial():
    last = DBSession.query(func.max(LiftPass.id)).scalar() or 0
    return make_serial('LP', last + 1)


def sell_pass(guest, product, valid_from, promo_code=None, user=None, charge=True,
              send_receipt=True):
    quote = quote_pass(product, valid_from, guest.birth_date, promo_code)
    days = product.days or 1
    if product.is_season_pass():
        valid_to = datetime.date(valid_from.year + (1 if valid_from.month >= 6 else 0), 4, 30)
    else:
        valid_to = valid_from + datetime.timedelta(days=days - 1)
    lift_pass = LiftPass(serial=next_serial(), guest_id=guest.id, product_id=product.id,
                         valid_from=valid_from, valid_to=valid_to,
                         price_paid=quote.total, status='issued',
                         promo_code_id=quote.promo.id if quote.promo else None)
    DBSession.add(lift_pass)
    DBSession.flush()
    if quote.promo:
        quote.promo.uses = (quote.promo.uses or 0) + 1
    if charge and quote.total > 0:
        c = billing.post_charge(guest.id, 'pass', quote.total,
                                '%s (%s)' % (product.name, lift_pass.serial),
                                source_ref=lift_pass.id, user=user)
        lift_pass.folio_charge_id = c.id
        loyalty.award_points(guest, quote.total, 'pass', lift_pass.id)
    if send_receipt:
        notifications.send_pass_receipt(lift_pass)
    return lift_pass


def activate_pass(lift_pass, rfid_uid):
    if lift_pass.status not in ('issued', 'active'):
        raise PassError('pass is %s' % lift_pass.status)
    lift_pass.rfid_uid = rfid_uid
    lift_pass.status = 'active'
    return lift_pass


def block_pass(lift_pass, reason, user=None):
    lift_pass.status = 'blocked'
    lift_pass.blocked_reason = '%s (%s)' % (reason, user.username if user else 'system')
    return lift_pass


def refund_pass(lift_pass, reason, user=None):
    if lift_pass.first_scan_at is not None and not (user and user.role in ('manager', 'admin')):
        raise PassError('pass already used, manager approval needed')
    if lift_pass.folio_charge_id:
        from ..models.billing import FolioCharge
        charge = DBSession.query(FolioCharge).get(lift_pass.folio_charge_id)
        billing.refund_charge(charge, 'pass refund: %s' % reason, user)
    lift_pass.status = 'refunded'
    return lift_pass


def scan_pass(code, lift_id, gate=None, now=None):
    """Called by the turnstiles. Must be fast and must never raise."""
    now = now or datetime.datetime.utcnow()
    repo = PassRepository()
    lift_pass = repo.by_rfid(code) or repo.by_serial(code)
    scan = PassScan(lift_id=lift_id, gate=gate, raw_code=code[:64], scanned_at=now)
    reason = None
    lift = DBSession.query(Lift).get(lift_id)
    if lift is None or not lift.is_open():
        reason = 'lift_closed'
    elif lift_pass is None:
        reason = 'unknown'
    elif not lift_pass.is_valid_on(now.date()):
        reason = 'not_valid'
    else:
        last = lift_pass.scans.filter(PassScan.lift_id == lift_id, PassScan.accepted == True) \
            .order_by(PassScan.scanned_at.desc()).first()  # noqa
        if last and now - last.scanned_at < RESCAN_LOCKOUT:
            reason = 'passback'
    if lift_pass is not None:
        scan.pass_id = lift_pass.id
        if reason is None and lift_pass.first_scan_at is None:
            lift_pass.first_scan_at = now
            lift_pass.status = 'active'
    scan.accepted = reason is None
    scan.reason = reason
    DBSession.add(scan)
    return scan


def pass_card_pdf(lift_pass):
    payload = '%s|%s|%s' % (lift_pass.serial, lift_pass.valid_from, lift_pass.valid_to)
    lines = [lift_pass.guest.full_name, lift_pass.product.name,
             'Valid %s - %s' % (lift_pass.valid_from, lift_pass.valid_to),
             'Serial %s' % lift_pass.serial,
             'Check %s' % sign_payload(payload)]
    return render_pdf(lines, title='Peak Resort Lift Pass')


def verify_pass_card(serial, valid_from, valid_to, signature):
    if not check_serial(serial):
        return False
    return verify_signature('%s|%s|%s' % (serial, valid_from, valid_to), signature)


def expire_passes(today=None):
    today = today or datetime.date.today()
    n = DBSession.query(LiftPass).filter(LiftPass.valid_to < today,
                                         LiftPass.status.in_(('issued', 'active'))) \
        .update({'status': 'expired'}, synchronize_session=False)
    log.info('expired %d passes', n)
    return n


def pass_usage(lift_pass):
    rows = DBSession.query(func.date(PassScan.scanned_at), func.count(PassScan.id)) \
        .filter(PassScan.pass_id == lift_pass.id, PassScan.accepted == True) \
        .group_by(func.date(PassScan.scanned_at)).all()  # noqa
    return {'days_skied': len(rows), 'rides': sum(r[1] for r in rows),
            'qr': qr_png(lift_pass.serial)}
