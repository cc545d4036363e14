"""People and organisations the co-op deals with."""
from datetime import date

from sqlalchemy import (Boolean, Column, Date, ForeignKey, Integer, Numeric,
                        String, Text, UniqueConstraint)
from sqlalchemy.orm import backref, relationship

from coop.models.base import AuditMixin, Base, IdMixin, TimestampMixin


class Member(IdMixin, AuditMixin, Base):
    __tablename__ = "members"

    grower_code = Column(String(12), unique=True, nullable=False)
    first_name = Column(String(80))
    last_name = Column(String(80), nullable=False)
    farm_name = Column(String(120))
    email = Column(String(200))
    phone = Column(String(40))
    address = Column(Text)
    status = Column(String(20), default="applicant")  # applicant/active/suspended/lapsed/retired
    joined_on = Column(Date)
    lapsed_on = Column(Date)
    gst_number = Column(String(20))
    agronomist_id = Column(Integer, ForeignKey("agronomists.id"))

    agronomist = relationship("Agronomist", backref="caseload")

    @property
    def is_active(self):
        return self.status == "active"

    @property
    def full_name(self):
        return ("%s %s" % (self.first_name or "", self.last_name)).strip()


class MembershipApplication(IdMixin, TimestampMixin, Base):
    __tablename__ = "membership_applications"

    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    submitted_on = Column(Date, default=date.today)
    sponsor_member_id = Column(Integer, ForeignKey("members.id"))
    shares_requested = Column(Integer, default=5)
    decision = Column(String(20))  # approved / declined / deferred
    decided_on = Column(Date)
    board_minute_ref = Column(String(40))
    notes = Column(Text)

    member = relationship("Member", foreign_keys=[member_id], backref="applications")
    sponsor = relationship("Member", foreign_keys=[sponsor_member_id])


class MemberBankAccount(IdMixin, TimestampMixin, Base):
    __tablename__ = "member_bank_accounts"

    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    institution = Column(String(3), nullable=False)
    transit = Column(String(5), nullable=False)
    account_no = Column(String(12), nullable=False)
    holder_name = Column(String(120))
    is_primary = Column(Boolean, default=True)
    verified = Column(Boolean, default=False)

    member = relationship("Member", backref="bank_accounts")


class ShareClass(IdMixin, Base):
    __tablename__ = "share_classes"

    code = Column(String(4), unique=True)  # A = voting, B = preferred, P = patronage
    description = Column(String(120))
    par_value = Column(Numeric(10, 2), nullable=False)
    voting = Column(Boolean, default=False)
    redeemable = Column(Boolean, default=True)


class ShareHolding(IdMixin, TimestampMixin, Base):
    __tablename__ = "share_holdings"
    __table_args__ = (UniqueConstraint("member_id", "share_class_id"),)

    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    share_class_id = Column(Integer, ForeignKey("share_classes.id"), nullable=False)
    quantity = Column(Integer, default=0, nullable=False)
    certificate_no = Column(String(20))

    member = relationship("Member", backref=backref("holdings", lazy="dynamic"))
    share_class = relationship("ShareClass")


class ShareTransaction(IdMixin, TimestampMixin, Base):
    __tablename__ = "share_transactions"

    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    share_class_id = Column(Integer, ForeignKey("share_classes.id"), nullable=False)
    txn_type = Column(String(16))  # purchase/redeem/transfer_in/transfer_out/patronage
    quantity = Column(Integer, nullable=False)
    amount = Column(Numeric(12, 2), nullable=False)
    txn_date = Column(Date, default=date.today)
    counterparty_member_id = Column(Integer, ForeignKey("members.id"))
    reference = Column(String(40))

    member = relationship("Member", foreign_keys=[member_id])
    share_class = relationship("ShareClass")


class Agronomist(IdMixin, TimestampMixin, Base):
    # lives here because staff were "people" -- CF 2019
    __tablename__ = "agronomists"

    name = Column(String(120), nullable=False)
    email = Column(String(200))
    phone = Column(String(40))
    cca_number = Column(String(20))  # Certified Crop Adviser no.
    region = Column(String(40))
    active = Column(Boolean, default=True)


class Buyer(IdMixin, AuditMixin, Base):
    __tablename__ = "buyers"

    code = Column(String(10), unique=True, nullable=False)
    name = Column(String(200), nullable=False)
    buyer_type = Column(String(20))  # elevator / processor / exporter / feedlot
    contact_name = Column(String(120))
    email = Column(String(200))
    phone = Column(String(40))
    credit_limit = Column(Numeric(14, 2), default=0)
    payment_terms_days = Column(Integer, default=30)
    on_hold = Column(Boolean, default=False)


class OperatorCertification(IdMixin, TimestampMixin, Base):
    """Who may drive which class of rental machine (insurance requirement)."""
    __tablename__ = "operator_certifications"

    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    operator_name = Column(String(120))  # may be a hired hand, not the member
    equipment_class = Column(String(20), nullable=False)  # tractor/combine/sprayer/grain_cart
    certified_on = Column(Date)
    expires_on = Column(Date)
    certified_by = Column(String(80))

    member = relationship("Member", backref="operator_certs")
