import logging

from insure.config import get_config
from insure.dal.agents import CommissionRepo, agency_by_id
from insure.db import get_session
from insure.models.agent import Agent, CommissionEntry
from insure.models.misc import CommissionStatement
from insure.util import add_months, commission_amount, round_money, to_decimal, today

log = logging.getLogger(__name__)

DEFAULT_RATES = {"new": "0.12", "renewal": "0.08"}


def commission_rate(agent, product_code, kind, on_date=None, session=None):
    session = session or get_session()
    agency = agent.agency
    sched = CommissionRepo(session).schedule_for(agency.tier, product_code, on_date or today())
    if sched is None:
        return to_decimal(DEFAULT_RATES[kind])
    return to_decimal(sched.new_business_rate if kind == "new" else sched.renewal_rate)


def record_commission(policy, kind, session=None):
    session = session or get_session()
    agent = session.query(Agent).get(policy.agent_id)
    if agent is None or not agent.active:
        log.warning("policy %s has inactive agent %s, no commission", policy.number, policy.agent_id)
        return None
    if agent.licence_expires and agent.licence_expires < policy.start_date:
        log.warning("agent %s licence expired, commission held", agent.reference)
        return None
    # commission is on the net premium the invoice was raised for
    from sqlalchemy import text
    row = session.execute(text("SELECT id, net_amount FROM invoices WHERE policy_id = :p "
                               "AND kind = 'premium' ORDER BY id DESC LIMIT 1"), {"p": policy.id}).first()
    basis = to_decimal(row[1]) if row else to_decimal(policy.annual_premium)
    rate = commission_rate(agent, policy.product.code, kind, policy.start_date, session)
    entry = CommissionEntry(agent_id=agent.id, policy_id=policy.id, invoice_id=row[0] if row else None,
                            kind=kind, premium_basis=basis, rate=rate,
                            amount=commission_amount(basis, rate))
    session.add(entry)
    return entry


def clawback(policy, cancel_date, session=None):
    """Give back unearned commission if cancelled inside the clawback window."""
    session = session or get_session()
    if add_months(policy.start_date, get_config().COMMISSION_CLAWBACK_MONTHS) < cancel_date:
        return []
    out = []
    term_days = (policy.end_date - policy.start_date).days or 365
    unearned_share = to_decimal((policy.end_date - cancel_date).days) / term_days
    for e in CommissionRepo(session).entries_for_policy(policy.id):
        if e.kind == "clawback":
            continue
        back = CommissionEntry(agent_id=e.agent_id, policy_id=policy.id, kind="clawback",
                               premium_basis=e.premium_basis, rate=e.rate,
                               amount=-round_money(to_decimal(e.amount) * unearned_share))
        session.add(back)
        out.append(back)
    return out


def build_statement(agency_id, period, session=None):
    session = session or get_session()
    agency = agency_by_id(session, agency_id)
    if agency is None or not agency.active:
        return None
    entries = CommissionRepo(session).unstated_for_agency(agency_id)
    if not entries:
        return None
    st = CommissionStatement(agency_id=agency_id, period=period,
                             total=round_money(sum(to_decimal(e.amount) for e in entries)))
    session.add(st)
    session.flush()
    for e in entries:
        e.statement_id = st.id
    return st


def issue_statement(statement, session=None):
    statement.status = "issued"
    statement.issued_on = today()
    from insure.services.documents import generate_document
    return generate_document("COMMISSION_STATEMENT", "agency", statement.agency_id,
                             {"period": statement.period, "total": str(statement.total)}, session=session)
