from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import relationship

from insure.db import Base
from insure.models.base import AuditMixin, Money, ReprMixin

QUOTE_STATES = ("draft", "rated", "referred", "accepted", "declined", "bound", "expired")


class Quote(Base, AuditMixin, ReprMixin):
    __tablename__ = "quotes"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, nullable=False)
    party_id = Column(Integer, ForeignKey("parties.id"), nullable=False)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    tariff_id = Column(Integer, ForeignKey("tariffs.id"))
    agent_id = Column(Integer, ForeignKey("agents.id"))
    state = Column(String(12), default="draft", nullable=False)
    start_date = Column(Date)
    sum_insured = Money()
    risk_data = Column(Text)  # json blob with the questionnaire answers
    net_premium = Money()
    tax = Money()
    gross_premium = Money()
    valid_until = Column(Date)
    bound_policy_id = Column(Integer)  # no FK on purpose, policies came later

    items = relationship("QuoteItem", back_populates="quote", cascade="all, delete-orphan")
    referrals = relationship("UnderwritingReferral", back_populates="quote")
    party = relationship("Party")
    product = relationship("Product")


class QuoteItem(Base):
    __tablename__ = "quote_items"

    id = Column(Integer, primary_key=True)
    quote_id = Column(Integer, ForeignKey("quotes.id"), nullable=False, index=True)
    coverage_code = Column(String(20), nullable=False)
    limit_amount = Money(nullable=True)
    deductible = Money(nullable=True)
    premium = Money()
    loading_pct = Column(Numeric(6, 2), default=0)

    quote = relationship("Quote", back_populates="items")


class UnderwritingReferral(Base):
    __tablename__ = "uw_referrals"

    id = Column(Integer, primary_key=True)
    quote_id = Column(Integer, ForeignKey("quotes.id"), nullable=False)
    reason = Column(String(200), nullable=False)
    rule_code = Column(String(20))
    status = Column(String(10), default="open")  # open | approved | declined
    decided_by = Column(String(64))
    decided_at = Column(DateTime)
    loading_pct = Column(Numeric(6, 2))
    comment = Column(Text)

    quote = relationship("Quote", back_populates="referrals")
