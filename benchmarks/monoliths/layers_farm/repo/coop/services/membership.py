"""Members, applications and shares."""
import logging
from datetime import timedelta

from coop.config import get_config
from coop.extensions import db_session
from coop.models import (Member, MembershipApplication, ShareHolding,
                         ShareTransaction)
from coop.repositories.equipment import BookingRepository
from coop.repositories.fields import FieldRepository
from coop.repositories.ledger import (AdvanceRepository, DeductionRepository,
                                      RentalChargeRepository, share_ledger_balance)
from coop.repositories.members import (AgronomistRepository, MemberRepository,
                                       ShareRepository)
from coop.services import ConflictError, ServiceError, require
from coop.services.notifications import notify_share_certificate
from coop.utils.dates import today
from coop.utils.helpers import strip_or_none
from coop.utils.money import D, round_money

log = logging.getLogger(__name__)
_cfg = get_config()


def apply_for_membership(data, sponsor_code=None):
    repo = MemberRepository()
    last_name = strip_or_none(data.get("last_name"))
    require(last_name, "last_name is required")
    member = Member(
        grower_code=repo.next_grower_code(last_name),
        first_name=strip_or_none(data.get("first_name")),
        last_name=last_name,
        farm_name=strip_or_none(data.get("farm_name")),
        email=strip_or_none(data.get("email")),
        phone=strip_or_none(data.get("phone")),
        address=data.get("address"),
        gst_number=strip_or_none(data.get("gst_number")),
        status="applicant",
    )
    db_session.add(member)
    db_session.flush()
    app = MembershipApplication(member_id=member.id,
                                shares_requested=int(data.get("shares", _cfg.MIN_SHARES_FOR_MEMBERSHIP)))
    if sponsor_code:
        sponsor = repo.by_grower_code(sponsor_code)
        require(sponsor.is_active, "sponsor must be an active member")
        app.sponsor_member_id = sponsor.id
    db_session.add(app)
    return member


def decide_application(application_id, decision, minute_ref=None, user=None):
    app = db_session.query(MembershipApplication).get(application_id)
    require(app is not None, "application not found")
    if app.decision:
        raise ConflictError("application already decided: %s" % app.decision)
    require(decision in ("approved", "declined", "deferred"), "bad decision")
    app.decision = decision
    app.decided_on = today()
    app.board_minute_ref = minute_ref
    if decision == "approved":
        member = app.member
        member.status = "active"
        member.joined_on = today()
        member.updated_by = user
        purchase_shares(member.id, "A", app.shares_requested, reference="JOIN-%s" % app.id)
    return app


def purchase_shares(member_id, class_code, quantity, reference=None, paid_by_deduction=False):
    require(quantity > 0, "quantity must be positive")
    shares = ShareRepository()
    sc = shares.share_class(class_code)
    holding = shares.holding(member_id, sc.id, create=True)
    holding.quantity = (holding.quantity or 0) + quantity
    if not holding.certificate_no:
        holding.certificate_no = "%s-%06d" % (sc.code, member_id)
    amount = round_money(D(sc.par_value) * quantity)
    db_session.add(ShareTransaction(member_id=member_id, share_class_id=sc.id, txn_type="purchase",
                                    quantity=quantity, amount=amount, reference=reference))
    if paid_by_deduction:
        # member pays for shares out of the next settlement
        from coop.models import MemberDeduction
        db_session.add(MemberDeduction(member_id=member_id, kind="share_purchase", amount=amount,
                                       source_ref=reference, description="Class %s shares" % sc.code))
    db_session.flush()
    try:
        notify_share_certificate(holding.member, holding)
    except Exception:  # never block a share purchase on e-mail
        log.exception("certificate mail failed")
    return holding


def redeem_shares(member_id, class_code, quantity, reference=None):
    shares = ShareRepository()
    sc = shares.share_class(class_code)
    if not sc.redeemable:
        raise ServiceError("class %s shares are not redeemable" % class_code)
    holding = shares.holding(member_id, sc.id)
    require(holding and holding.quantity >= quantity, "not enough shares")
    if sc.voting and holding.quantity - quantity < _cfg.MIN_SHARES_FOR_MEMBERSHIP:
        member = holding.member
        if member.status == "active":
            raise ServiceError("redemption would take member below the minimum holding; "
                               "retire the member instead")
    holding.quantity -= quantity
    amount = round_money(D(sc.par_value) * quantity)
    db_session.add(ShareTransaction(member_id=member_id, share_class_id=sc.id, txn_type="redeem",
                                    quantity=quantity, amount=amount, reference=reference))
    return amount


def transfer_shares(from_member_id, to_member_id, class_code, quantity):
    shares = ShareRepository()
    sc = shares.share_class(class_code)
    src = shares.holding(from_member_id, sc.id)
    require(src and src.quantity >= quantity, "not enough shares to transfer")
    dst = shares.holding(to_member_id, sc.id, create=True)
    src.quantity -= quantity
    dst.quantity = (dst.quantity or 0) + quantity
    amount = round_money(D(sc.par_value) * quantity)
    for mid, other, kind in ((from_member_id, to_member_id, "transfer_out"),
                             (to_member_id, from_member_id, "transfer_in")):
        db_session.add(ShareTransaction(member_id=mid, share_class_id=sc.id, txn_type=kind,
                                        quantity=quantity, amount=amount,
                                        counterparty_member_id=other))
    return dst


def retire_member(member_id, redeem=True):
    member = db_session.query(Member).get(member_id)
    require(member is not None, "no such member")
    total = D(0)
    if redeem:
        for h in db_session.query(ShareHolding).filter_by(member_id=member_id).all():
            if h.quantity and h.share_class.redeemable:
                h_qty = h.quantity
                h.quantity = 0
                amt = round_money(D(h.share_class.par_value) * h_qty)
                total += amt
                db_session.add(ShareTransaction(member_id=member_id, share_class_id=h.share_class_id,
                                                txn_type="redeem", quantity=h_qty, amount=amt,
                                                reference="RETIRE"))
    member.status = "retired"
    member.lapsed_on = today()
    return total


def member_in_good_standing(member):
    """Active, holds minimum voting shares, nothing > 90 days overdue."""
    if member is None or member.status != "active":
        return False
    if ShareRepository().total_voting_shares(member.id) < _cfg.MIN_SHARES_FOR_MEMBERSHIP:
        return False
    stale = today() - timedelta(days=90)
    for charge in RentalChargeRepository().open_for_member(member.id):
        if charge.billed_on and charge.billed_on < stale:
            return False
    return True


def can_rent_equipment(member, equipment_class, on_date=None):
    """Rental eligibility: good standing + valid operator cert for the machine class."""
    if not member_in_good_standing(member):
        return False, "member not in good standing"
    cert = BookingRepository().valid_cert(member.id, equipment_class, on_date or today())
    if cert is None:
        return False, "no valid operator certification for %s" % equipment_class
    return True, cert


def assign_agronomist(member_id, region=None):
    member = db_session.query(Member).get(member_id)
    agronomist = AgronomistRepository().least_loaded(region)
    if agronomist is None:
        raise ServiceError("no active agronomist available")
    member.agronomist_id = agronomist.id
    return agronomist


def member_overview(member_id):
    """Everything the front counter wants on one screen."""
    repo = MemberRepository()
    member = repo.get(member_id)
    require(member is not None, "no such member")
    shares = ShareRepository().holdings_for(member_id)
    return {
        "member": {
            "id": member.id,
            "grower_code": member.grower_code,
            "name": member.full_name,
            "status": member.status,
            "joined_on": member.joined_on.isoformat() if member.joined_on else None,
        },
        "shares": [{"class": h.share_class.code, "qty": h.quantity} for h in shares],
        "share_value": str(share_ledger_balance(db_session, member_id)),
        "fields_ha": float(FieldRepository().total_area(member_id) or 0),
        "open_advances": str(AdvanceRepository().outstanding(member_id)),
        "pending_deductions": str(sum((D(d.amount) for d in DeductionRepository().pending_for(member_id)), D(0))),
        "active_bookings": len(BookingRepository().for_member(member_id, active_only=True)),
        "good_standing": member_in_good_standing(member),
        "agronomist": member.agronomist.name if member.agronomist else None,
    }
