# import everything so Base.metadata knows all tables (alembic + create_all)
from insure.models.base import AuditMixin, SoftDeleteMixin, TimestampMixin  # noqa
from insure.models.party import KycCheck, Party, PartyAddress  # noqa
from insure.models.product import CoverageType, LineOfBusiness, Product, RatingFactor, Tariff  # noqa
from insure.models.quote import Quote, QuoteItem, UnderwritingReferral  # noqa
from insure.models.policy import Endorsement, Policy, PolicyCoverage, PolicyEvent, PolicyStatus  # noqa
from insure.models.billing import BillingAccount, Instalment, Invoice, Payment, Refund  # noqa
from insure.models.claim import Claim, ClaimNote, ClaimPayment, ClaimReserve  # noqa
from insure.models.agent import Agency, Agent, CommissionEntry, CommissionSchedule  # noqa
from insure.models.misc import CommissionStatement, Document, DocumentTemplate, OutboundLetter  # noqa
