import logging

from insure.config import get_config
from insure.dal.billing import InvoiceRepo
from insure.db import get_session
from insure.util import days_between, fmt_money, today

log = logging.getLogger(__name__)

LETTERS = {1: "DUNNING_1", 2: "DUNNING_2", 3: "DUNNING_FINAL"}


def dunning_level_for(days_overdue):
    level = 0
    for i, threshold in enumerate(get_config().DUNNING_DAYS, start=1):
        if days_overdue >= threshold:
            level = i
    return level


def run_dunning(session=None):
    session = session or get_session()
    from insure.services import documents, policy_service
    raised = 0
    for inv in InvoiceRepo(session).overdue(today()):
        acc = inv.account
        if acc.on_hold:
            continue
        level = dunning_level_for(days_between(inv.due_date, today()))
        if level <= acc.dunning_level:
            continue
        acc.dunning_level = level
        documents.queue_letter(acc.payer_id, LETTERS[level], "invoice", inv.id,
                               {"invoice": inv.number, "amount": fmt_money(inv.outstanding),
                                "due": inv.due_date.isoformat()}, session=session)
        if level == 3:
            from insure.models.policy import Policy
            policy = session.query(Policy).get(inv.policy_id)
            policy_service.suspend_for_non_payment(policy, session)
        raised += 1
    log.info("dunning: %s accounts escalated", raised)
    return raised


def cancel_after_final_notice(session=None):
    """Suspended for longer than the grace period -> cancel for non-payment."""
    session = session or get_session()
    from insure.models.policy import Policy, PolicyStatus
    from insure.services.policy_service import cancel_policy
    grace = get_config().GRACE_PERIOD_DAYS
    n = 0
    for inv in InvoiceRepo(session).overdue(today(), min_days=grace + get_config().DUNNING_DAYS[-1]):
        policy = session.query(Policy).get(inv.policy_id)
        if policy is not None and policy.status == PolicyStatus.SUSPENDED:
            cancel_policy(policy, "non_payment", today(), session=session)
            n += 1
    return n
