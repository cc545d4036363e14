from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import relationship

from insure.db import Base
from insure.models.base import AuditMixin, ReprMixin, SoftDeleteMixin


class Party(Base, AuditMixin, SoftDeleteMixin, ReprMixin):
    """A customer: policyholder, insured person, claimant, payer... anyone."""
    __tablename__ = "parties"

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), unique=True, nullable=False)
    kind = Column(String(12), nullable=False, default="person")  # person | company
    first_name = Column(String(80))
    last_name = Column(String(120))
    company_name = Column(String(200))
    birth_date = Column(Date)
    national_id = Column(String(32))
    email = Column(String(200))
    phone = Column(String(40))
    iban = Column(String(40))
    preferred_language = Column(String(5), default="en")

    addresses = relationship("PartyAddress", back_populates="party", cascade="all, delete-orphan")
    kyc_checks = relationship("KycCheck", back_populates="party", order_by="KycCheck.checked_at")

    @property
    def display_name(self):
        if self.kind == "company":
            return self.company_name
        return ("%s %s" % (self.first_name or "", self.last_name or "")).strip()

    def main_address(self):
        for a in self.addresses:
            if a.is_primary:
                return a
        return self.addresses[0] if self.addresses else None


class PartyAddress(Base, ReprMixin):
    __tablename__ = "party_addresses"

    id = Column(Integer, primary_key=True)
    party_id = Column(Integer, ForeignKey("parties.id"), nullable=False, index=True)
    line1 = Column(String(200), nullable=False)
    line2 = Column(String(200))
    postcode = Column(String(16), nullable=False)
    city = Column(String(100), nullable=False)
    country = Column(String(2), default="NL")
    is_primary = Column(Integer, default=1)

    party = relationship("Party", back_populates="addresses")

    def one_line(self):
        parts = [self.line1, self.line2, "%s %s" % (self.postcode, self.city), self.country]
        return ", ".join(p for p in parts if p)


class KycCheck(Base):
    __tablename__ = "kyc_checks"

    id = Column(Integer, primary_key=True)
    party_id = Column(Integer, ForeignKey("parties.id"), nullable=False)
    provider = Column(String(40), default="manual")
    result = Column(String(16))  # clear | hit | error
    sanctions_hit = Column(Integer, default=0)
    checked_at = Column(DateTime)
    raw_response = Column(Text)

    party = relationship("Party", back_populates="kyc_checks")
