import json
import logging

from insure.auth import username
from insure.dal.policy_dal import PolicyRepository
from insure.db import get_session
from insure.errors import BusinessRuleViolation, NotFound, ValidationError
from insure.models.policy import Endorsement, Policy, PolicyCoverage, PolicyStatus
from insure.services import rating
from insure.util import add_months, parse_date, pro_rata_unearned, round_money, to_decimal, today

log = logging.getLogger(__name__)

ENDORSEMENT_KINDS = ("sum_insured", "add_coverage", "remove_coverage", "address", "holder_details")


def issue_policy(quote, payment_frequency="annual", session=None):
    session = session or get_session()
    repo = PolicyRepository(session)
    product = quote.product
    policy = Policy(
        number=repo.next_number(product.code),
        holder_id=quote.party_id,
        product_id=quote.product_id,
        quote_id=quote.id,
        agent_id=quote.agent_id,
        status=PolicyStatus.ACTIVE,
        inception_date=quote.start_date,
        start_date=quote.start_date,
        end_date=add_months(quote.start_date, product.term_months or 12),
        annual_premium=quote.net_premium,
        tax=quote.tax,
        payment_frequency=payment_frequency,
        created_by=username(),
    )
    for item in quote.items:
        policy.coverages.append(PolicyCoverage(coverage_code=item.coverage_code, limit_amount=item.limit_amount,
                                               deductible=item.deductible, premium=item.premium))
    session.add(policy)
    session.flush()
    repo.log_event(policy, "issued", username(), "from quote %s" % quote.reference)

    # the "saga" - everything in one transaction since 2019
    from insure.services import billing_service, commissions, documents
    billing_service.invoice_new_policy(policy, session=session)
    if policy.agent_id:
        commissions.record_commission(policy, "new", session=session)
    documents.send_policy_schedule(policy, session=session)
    return policy


def get_policy(number_or_id, session=None):
    repo = PolicyRepository(session)
    policy = repo.get(number_or_id) if str(number_or_id).isdigit() else repo.by_number(number_or_id)
    if policy is None:
        raise NotFound("policy %s" % number_or_id)
    return policy


def check_cover(policy_id, coverage_code, on_date, session=None):
    """Used by claims: is this peril covered on that day? Returns (ok, reason, coverage)."""
    policy = PolicyRepository(session).get(policy_id)
    if policy is None:
        return False, "no such policy", None
    if not (policy.start_date <= on_date <= policy.end_date):
        return False, "loss date outside policy period", None
    if policy.status == PolicyStatus.CANCELLED and policy.cancelled_at and on_date >= policy.cancelled_at:
        return False, "policy cancelled", None
    if policy.status == PolicyStatus.SUSPENDED:
        return False, "cover suspended for non-payment", None
    cov = policy.coverage(coverage_code)
    if cov is None:
        return False, "coverage %s not on policy" % coverage_code, None
    return True, "", cov


def endorse(policy, kind, effective_date, payload, session=None):
    session = session or get_session()
    if kind not in ENDORSEMENT_KINDS:
        raise ValidationError("unknown endorsement kind %s" % kind)
    effective_date = parse_date(effective_date)
    if policy.status != PolicyStatus.ACTIVE:
        raise BusinessRuleViolation("policy not active")
    if not policy.start_date <= effective_date <= policy.end_date:
        raise ValidationError("effective date outside the term")
    repo = PolicyRepository(session)
    e = Endorsement(policy_id=policy.id, seq=repo.next_endorsement_seq(policy.id), kind=kind,
                    effective_date=effective_date, payload=json.dumps(payload), created_by=username())
    if kind == "sum_insured":
        e.premium_delta = rating.rate_change(policy, payload["sum_insured"], effective_date)
    elif kind == "add_coverage":
        e.premium_delta = round_money(to_decimal(payload.get("premium", 0)) *
                                      (policy.end_date - effective_date).days / 365)
    elif kind == "remove_coverage":
        cov = policy.coverage(payload["code"])
        if cov is None:
            raise ValidationError("coverage not on policy")
        e.premium_delta = -pro_rata_unearned(cov.premium, policy.start_date, policy.end_date, effective_date)
    session.add(e)
    apply_endorsement(policy, e)
    repo.log_event(policy, "endorsed", username(), "%s #%s" % (kind, e.seq))
    if e.premium_delta:
        from insure.services.billing_service import invoice_adjustment
        invoice_adjustment(policy, e.premium_delta, "endorsement %s" % e.seq, session=session)
    return e


def apply_endorsement(policy, e):
    payload = json.loads(e.payload or "{}")
    if e.kind == "sum_insured":
        ratio = to_decimal(payload["sum_insured"]) / max(rating.policy_sum_insured(policy), to_decimal(1))
        for c in policy.coverages:
            if c.limit_amount:
                c.limit_amount = round_money(to_decimal(c.limit_amount) * ratio)
    elif e.kind == "add_coverage":
        policy.coverages.append(PolicyCoverage(coverage_code=payload["code"], limit_amount=payload.get("limit"),
                                               deductible=payload.get("deductible"), premium=payload.get("premium", 0)))
    elif e.kind == "remove_coverage":
        policy.coverage(payload["code"]).removed = 1
    policy.annual_premium = round_money(to_decimal(policy.annual_premium) + to_decimal(e.premium_delta))
    e.applied = 1
    policy.touch(username())


def cancel_policy(policy, reason, effective_date=None, session=None):
    session = session or get_session()
    effective_date = parse_date(effective_date) or today()
    if policy.status in (PolicyStatus.CANCELLED, PolicyStatus.EXPIRED):
        raise BusinessRuleViolation("policy already %s" % policy.status.value)
    if reason == "cooling_off" and (effective_date - policy.inception_date).days > 14:
        raise BusinessRuleViolation("cooling-off period is over")
    refund = pro_rata_unearned(policy.annual_premium, policy.start_date, policy.end_date, effective_date)
    if reason == "cooling_off":
        refund = to_decimal(policy.annual_premium)
    if reason == "non_payment":
        refund = to_decimal(0)
    policy.status = PolicyStatus.CANCELLED
    policy.cancel_reason = reason
    policy.cancelled_at = effective_date
    policy.auto_renew = 0
    PolicyRepository(session).log_event(policy, "cancelled", username(), reason)

    from insure.services import billing_service, commissions
    billing_service.handle_cancellation(policy, refund, session=session)
    commissions.clawback(policy, effective_date, session=session)
    return refund


def suspend_for_non_payment(policy, session=None):
    if policy.status != PolicyStatus.ACTIVE:
        return False
    policy.status = PolicyStatus.SUSPENDED
    PolicyRepository(session).log_event(policy, "suspended", "dunning")
    return True


def reinstate(policy, session=None):
    if policy.status != PolicyStatus.SUSPENDED:
        raise BusinessRuleViolation("not suspended")
    policy.status = PolicyStatus.ACTIVE
    PolicyRepository(session).log_event(policy, "reinstated", username())
    return policy
