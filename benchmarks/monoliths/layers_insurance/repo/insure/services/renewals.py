import datetime
import logging

from insure.config import get_config
from insure.dal.policy_dal import PolicyRepository
from insure.db import get_session
from insure.models.policy import Policy, PolicyCoverage, PolicyStatus
from insure.util import add_months, round_money, to_decimal, today

log = logging.getLogger(__name__)

MAX_RENEWAL_INCREASE = to_decimal("0.25")


def renewal_premium(policy, session=None):
    """Re-rate on the current tariff, capped at +25% (ops decision, 2021)."""
    from insure.services import rating
    session = session or get_session()
    try:
        risk = {}
        if policy.quote_id:
            from insure.models.quote import Quote
            q = session.query(Quote).get(policy.quote_id)
            if q is not None and q.risk_data:
                import json
                risk = json.loads(q.risk_data)
        covs = [{"code": c.coverage_code, "limit": c.limit_amount, "deductible": c.deductible}
                for c in policy.coverages if not c.removed]
        result = rating.rate(policy.product.code, rating.policy_sum_insured(policy), covs, risk,
                             policy.end_date, policy.holder)
        new = result["net"]
    except Exception:
        log.exception("re-rating failed for %s, indexing instead", policy.number)
        new = to_decimal(policy.annual_premium) * to_decimal("1.03")
    cap = to_decimal(policy.annual_premium) * (1 + MAX_RENEWAL_INCREASE)
    return round_money(min(new, cap))


def renew_policy(policy, session=None):
    session = session or get_session()
    repo = PolicyRepository(session)
    if policy.status != PolicyStatus.ACTIVE or not policy.auto_renew:
        return None
    premium = renewal_premium(policy, session)
    new = Policy(
        number=policy.number,  # same number, new term (see PAS-77)
        holder_id=policy.holder_id, product_id=policy.product_id, agent_id=policy.agent_id,
        status=PolicyStatus.PENDING, inception_date=policy.inception_date,
        start_date=policy.end_date + datetime.timedelta(days=1),
        end_date=add_months(policy.end_date + datetime.timedelta(days=1), policy.product.term_months or 12),
        annual_premium=premium, payment_frequency=policy.payment_frequency,
        renewal_of_id=policy.id, created_by="renewals")
    from insure.services.rating import premium_tax
    new.tax = premium_tax(premium)
    for c in policy.coverages:
        if not c.removed:
            new.coverages.append(PolicyCoverage(coverage_code=c.coverage_code, limit_amount=c.limit_amount,
                                                deductible=c.deductible, premium=c.premium))
    # number is unique... so the old one gets a suffix. yes really.
    policy.number = policy.number + "/" + str(policy.end_date.year)
    session.add(new)
    session.flush()
    repo.log_event(new, "renewal_offered", "renewals", "from %s" % policy.id)

    from insure.services import documents
    documents.send_renewal_notice(new, policy, session=session)
    return new


def run_renewals(session=None):
    session = session or get_session()
    horizon = today() + datetime.timedelta(days=get_config().RENEWAL_LEAD_DAYS)
    done = []
    for p in PolicyRepository(session).due_for_renewal(horizon):
        if session.query(Policy).filter(Policy.renewal_of_id == p.id).count():
            continue
        new = renew_policy(p, session)
        if new is not None:
            done.append(new.number)
    return done


def activate_renewals(session=None):
    """Pending renewals whose term started become active and get invoiced."""
    session = session or get_session()
    from insure.services import billing_service, commissions
    n = 0
    for p in session.query(Policy).filter(Policy.status == PolicyStatus.PENDING,
                                          Policy.renewal_of_id != None,  # noqa: E711
                                          Policy.start_date <= today()):
        old = session.query(Policy).get(p.renewal_of_id)
        if old is not None and old.status == PolicyStatus.ACTIVE:
            old.status = PolicyStatus.EXPIRED
        p.status = PolicyStatus.ACTIVE
        billing_service.invoice_new_policy(p, session=session)
        if p.agent_id:
            commissions.record_commission(p, "renewal", session=session)
        n += 1
    return n


def lapse_expired(session=None):
    session = session or get_session()
    lapsed = 0
    for p in PolicyRepository(session).expired_unrenewed(today()):
        if session.query(Policy).filter(Policy.renewal_of_id == p.id).count():
            continue
        p.status = PolicyStatus.EXPIRED
        PolicyRepository(session).log_event(p, "expired", "batch")
        lapsed += 1
    return lapsed
