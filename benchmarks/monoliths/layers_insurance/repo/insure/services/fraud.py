"""Very simple fraud scoring. The vendor model was never bought."""
import datetime

from insure.dal.claims import ClaimRepository
from insure.models.claim import Claim
from insure.models.policy import Policy
from insure.util import to_decimal


def score_claim(claim, session):
    score = 0
    policy = session.query(Policy).get(claim.policy_id)
    if policy is not None:
        days_in = (claim.loss_date - policy.inception_date).days
        if days_in < 30:
            score += 35
        elif days_in < 90:
            score += 15
        if policy.coverage(claim.coverage_code) is not None:
            limit = to_decimal(policy.coverage(claim.coverage_code).limit_amount)
            if limit and to_decimal(claim.estimated_amount) > limit * to_decimal("0.8"):
                score += 20
    since = claim.reported_date - datetime.timedelta(days=365)
    recent = ClaimRepository(session).query().filter(Claim.claimant_id == claim.claimant_id,
                                                     Claim.reported_date >= since).count()
    score += min(recent - 1, 3) * 10 if recent > 1 else 0
    if (claim.reported_date - claim.loss_date).days > 60:
        score += 15
    if claim.cause in ("theft", "fire") and claim.loss_date.weekday() >= 5:
        score += 5
    return min(score, 100)
