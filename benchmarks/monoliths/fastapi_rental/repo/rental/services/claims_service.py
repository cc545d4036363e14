import logging
from decimal import Decimal

from fastapi import HTTPException

from rental.models import Claim, ClaimStatus, DamageReport, VehicleStatus
from rental.repositories.claim_repo import ClaimRepository, PolicyRepository
from rental.repositories.reservation_repo import AgreementRepository
from rental.repositories.vehicle_repo import VehicleRepository
from rental.services import fleet_service, notification_service, payment_service
from rental.utils import round_money, send_email, utcnow

log = logging.getLogger(__name__)

# rough repair cost per severity until the assessor gives a number
SEVERITY_ESTIMATE = {1: Decimal("150"), 2: Decimal("600"), 3: Decimal("2500"), 4: Decimal("15000")}


def responsible_rental(db, vehicle_id, at=None):
    return AgreementRepository(db).who_had(vehicle_id, at or utcnow())


def report_damage(db, vehicle_id, zone, description, severity=1, agreement_id=None, photos=None):
    vehicle = VehicleRepository(db).get_or_404(vehicle_id)
    if agreement_id is None:
        agreement = responsible_rental(db, vehicle_id)
        agreement_id = agreement.id if agreement else None
    report = DamageReport(vehicle=vehicle, agreement_id=agreement_id, zone=zone, description=description,
                          severity=severity, photos=photos or [], estimated_cost=SEVERITY_ESTIMATE.get(severity))
    db.add(report)
    db.flush()
    if severity >= 3:
        fleet_service.set_status(db, vehicle_id, VehicleStatus.DAMAGED)
        fleet_service.schedule_service(db, vehicle_id, kind="repair")
    return report


def assess_damage(db, report_id, estimated_cost, severity=None):
    report = db.get(DamageReport, report_id)
    if report is None:
        raise HTTPException(status_code=404, detail="Damage report not found")
    report.estimated_cost = round_money(estimated_cost)
    if severity:
        report.severity = severity
    if report.estimated_cost > Decimal("500") and ClaimRepository(db).for_damage(report.id) is None:
        open_claim(db, report)
    return report


def open_claim(db, report):
    vehicle = report.vehicle
    policy = PolicyRepository(db).active_for_category(vehicle.category_id, report.created_at.date())
    claim = Claim(damage_report_id=report.id, policy=policy, claimed_amount=report.estimated_cost)
    return ClaimRepository(db).add(claim)


def submit_claim(db, claim_id):
    claim = ClaimRepository(db).get_or_404(claim_id)
    if claim.policy is None:
        raise HTTPException(status_code=422, detail="No insurance policy covers this vehicle")
    body = (f"Claim under policy {claim.policy.policy_number}\nVehicle {claim.damage.vehicle.plate}\n"
            f"Zone: {claim.damage.zone}\nAmount: {claim.claimed_amount}\n\n{claim.damage.description}")
    send_email(f"claims@{claim.policy.insurer.lower().replace(' ', '')}.example", "New claim", body)
    claim.status = ClaimStatus.SUBMITTED
    return claim


def bill_customer_for_damage(db, report):
    if report.agreement_id is None or report.charged_to_customer:
        return None
    agreement = AgreementRepository(db).get(report.agreement_id)
    reservation = agreement.reservation
    due = payment_service.damage_excess_for(db, reservation, report.estimated_cost or 0)
    payment = payment_service.capture_deposit(db, reservation, due, f"damage #{report.id}")
    report.charged_to_customer = True
    notification_service.notify_customer(db, reservation.customer, "damage_charged",
                                         {"reference": reservation.reference, "amount": str(due), "zone": report.zone})
    return payment


def settle_claim(db, claim_id, settled_amount, insurer_reference=None):
    claim = ClaimRepository(db).get_or_404(claim_id)
    claim.settled_amount = round_money(settled_amount)
    claim.insurer_reference = insurer_reference or claim.insurer_reference
    claim.status = ClaimStatus.SETTLED if settled_amount > 0 else ClaimStatus.REJECTED
    gap = Decimal(claim.claimed_amount or 0) - claim.settled_amount
    claim.customer_liability = max(Decimal("0"), gap)
    if claim.customer_liability:
        bill_customer_for_damage(db, claim.damage)
    return claim
