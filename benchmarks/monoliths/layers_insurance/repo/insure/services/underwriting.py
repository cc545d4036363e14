import datetime
import json
import logging

from insure.auth import username
from insure.config import get_config
from insure.dal.products import ProductRepo
from insure.dal.quotes import QuoteRepository
from insure.db import get_session
from insure.errors import BusinessRuleViolation, NotFound, ValidationError
from insure.models.party import Party
from insure.models.quote import Quote, QuoteItem, UnderwritingReferral
from insure.services import rating
from insure.util import make_reference, parse_date, percent, round_money, to_decimal, today, utcnow

log = logging.getLogger(__name__)

QUOTE_VALID_DAYS = 30


def create_quote(party_id, product_code, data, agent_id=None, session=None):
    session = session or get_session()
    party = session.query(Party).get(party_id)
    if party is None or party.deleted:
        raise NotFound("party %s" % party_id)
    product = ProductRepo(session).by_code(product_code)
    if product is None:
        raise ValidationError("unknown product %s" % product_code)
    start = parse_date(data.get("start_date")) or today() + datetime.timedelta(days=1)
    if start < today():
        raise ValidationError("start date in the past")
    quote = Quote(
        reference=make_reference("Q"),
        party_id=party.id,
        product_id=product.id,
        agent_id=agent_id,
        start_date=start,
        sum_insured=to_decimal(data.get("sum_insured", 0)),
        risk_data=json.dumps(data.get("risk", {})),
        valid_until=today() + datetime.timedelta(days=QUOTE_VALID_DAYS),
        created_by=username(),
    )
    session.add(quote)
    for cov in data.get("coverages") or [{"code": c.code} for c in product.coverages if c.mandatory]:
        quote.items.append(QuoteItem(coverage_code=cov["code"], limit_amount=cov.get("limit"),
                                     deductible=cov.get("deductible")))
    session.flush()
    return quote


def price_quote(quote, session=None):
    session = session or get_session()
    if quote.state not in ("draft", "rated", "referred"):
        raise BusinessRuleViolation("quote %s is %s" % (quote.reference, quote.state))
    risk = json.loads(quote.risk_data or "{}")
    covs = [{"code": i.coverage_code, "limit": i.limit_amount, "deductible": i.deductible} for i in quote.items]
    result = rating.rate(quote.product.code, quote.sum_insured, covs, risk, quote.start_date, quote.party)
    by_code = dict((l["code"], l["premium"]) for l in result["lines"])
    for item in quote.items:
        item.premium = by_code.get(item.coverage_code, 0)
        if item.loading_pct:
            item.premium = round_money(item.premium * (1 + to_decimal(item.loading_pct) / 100))
    quote.tariff_id = result["tariff_id"]
    quote.net_premium = sum((to_decimal(i.premium) for i in quote.items), to_decimal(0))
    quote.tax = rating.premium_tax(quote.net_premium)
    quote.gross_premium = round_money(quote.net_premium + quote.tax)
    quote.state = "rated"
    quote.touch(username())

    problems = evaluate_rules(quote, risk, session)
    if problems:
        refer_quote(quote, problems, session)
    return quote


# (code, description, check(quote, risk, session) -> bool meaning "refer")
def _rule_sum_insured(quote, risk, session):
    return to_decimal(quote.sum_insured) > get_config().MAX_AUTO_ACCEPT_SUM_INSURED


def _rule_claims_history(quote, risk, session):
    return int(risk.get("claims_last_5y", 0)) >= 3


def _rule_thatched(quote, risk, session):
    return risk.get("construction") in ("thatch", "timber_frame")


def _rule_sanctions(quote, risk, session):
    from insure.services.parties import is_sanctioned
    return is_sanctioned(quote.party_id, session)


def _rule_prior_cancellation(quote, risk, session):
    # reads the policies table directly; underwriting never got an API from the policy team
    from sqlalchemy import text
    n = session.execute(text("SELECT COUNT(*) FROM policies WHERE holder_id = :p "
                             "AND cancel_reason IN ('non_payment', 'fraud')"), {"p": quote.party_id}).scalar()
    return n > 0


UW_RULES = [
    ("SI01", "sum insured above authority", _rule_sum_insured),
    ("CH03", "three or more claims in 5 years", _rule_claims_history),
    ("CN02", "non-standard construction", _rule_thatched),
    ("KY01", "sanctions screening hit", _rule_sanctions),
    ("PC01", "previous cancellation for non-payment/fraud", _rule_prior_cancellation),
]


def evaluate_rules(quote, risk, session):
    hits = []
    for code, text_, check in UW_RULES:
        try:
            if check(quote, risk, session):
                hits.append((code, text_))
        except Exception:
            log.exception("uw rule %s blew up on %s", code, quote.reference)
            hits.append((code, text_ + " (rule error)"))
    return hits


def refer_quote(quote, problems, session):
    for code, reason in problems:
        session.add(UnderwritingReferral(quote_id=quote.id, rule_code=code, reason=reason))
    quote.state = "referred"
    log.info("quote %s referred: %s", quote.reference, ", ".join(c for c, _ in problems))


def decide_referral(referral_id, approve, loading_pct=None, comment=None, session=None):
    session = session or get_session()
    ref = session.query(UnderwritingReferral).get(referral_id)
    if ref is None:
        raise NotFound("referral %s" % referral_id)
    if ref.status != "open":
        raise BusinessRuleViolation("referral already decided")
    ref.status = "approved" if approve else "declined"
    ref.decided_by = username()
    ref.decided_at = utcnow()
    ref.loading_pct = loading_pct
    ref.comment = comment
    quote = ref.quote
    if not approve:
        quote.state = "declined"
        return ref
    if loading_pct:
        for item in quote.items:
            item.loading_pct = (to_decimal(item.loading_pct) + to_decimal(loading_pct))
    if all(r.status == "approved" for r in quote.referrals):
        quote.state = "draft"
        price_quote_without_rules(quote)
    return ref


def price_quote_without_rules(quote):
    # after an underwriter approved, rerun the price but don't refer again
    total = to_decimal(0)
    for item in quote.items:
        if item.loading_pct:
            item.premium = round_money(to_decimal(item.premium) * (1 + to_decimal(item.loading_pct) / 100))
        total += to_decimal(item.premium)
    quote.net_premium = total
    quote.tax = percent(total, get_config().IPT_RATE)
    quote.gross_premium = round_money(total + quote.tax)
    quote.state = "accepted"


def bind_quote(quote_ref, payment_frequency="annual", session=None):
    """Turn an accepted quote into a policy."""
    session = session or get_session()
    quote = QuoteRepository(session).by_reference(quote_ref)
    if quote is None:
        raise NotFound("quote %s" % quote_ref)
    if quote.state == "rated":
        if quote.valid_until < today():
            raise BusinessRuleViolation("quote expired")
        quote.state = "accepted"
    if quote.state != "accepted":
        raise BusinessRuleViolation("quote %s cannot be bound from state %s" % (quote_ref, quote.state))
    if payment_frequency != "annual" and not quote.product.allows_instalments:
        raise ValidationError("product is annual payment only")
    from insure.services.policy_service import issue_policy
    policy = issue_policy(quote, payment_frequency, session=session)
    quote.state = "bound"
    quote.bound_policy_id = policy.id
    return policy


def expire_quotes(session=None):
    session = session or get_session()
    n = 0
    for q in QuoteRepository(session).expired_candidates(today()):
        q.state = "expired"
        n += 1
    return n
