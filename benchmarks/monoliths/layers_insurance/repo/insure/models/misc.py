"""Documents and letters. CommissionStatement ended up here as well, sorry."""
from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Text

from insure.db import Base
from insure.models.base import Money, TimestampMixin


class DocumentTemplate(Base, TimestampMixin):
    __tablename__ = "document_templates"

    id = Column(Integer, primary_key=True)
    code = Column(String(40), nullable=False)  # e.g. POLICY_SCHEDULE, DUNNING_1
    language = Column(String(5), default="en")
    version = Column(Integer, default=1)
    subject = Column(String(200))
    body = Column(Text, nullable=False)
    active = Column(Integer, default=1)


class Document(Base, TimestampMixin):
    __tablename__ = "documents"

    id = Column(Integer, primary_key=True)
    template_code = Column(String(40))
    owner_type = Column(String(20), nullable=False)  # policy | claim | invoice | party
    owner_id = Column(Integer, nullable=False)
    filename = Column(String(200))
    storage_path = Column(String(400))
    mime_type = Column(String(80), default="application/pdf")
    checksum = Column(String(64))


class OutboundLetter(Base):
    __tablename__ = "outbound_letters"

    id = Column(Integer, primary_key=True)
    party_id = Column(Integer, ForeignKey("parties.id"), nullable=False)
    document_id = Column(Integer, ForeignKey("documents.id"))
    channel = Column(String(10), default="email")  # email | post
    recipient = Column(String(200))
    subject = Column(String(200))
    status = Column(String(10), default="queued")
    queued_at = Column(DateTime)
    sent_at = Column(DateTime)
    error = Column(Text)


class CommissionStatement(Base):
    __tablename__ = "commission_statements"

    id = Column(Integer, primary_key=True)
    agency_id = Column(Integer, ForeignKey("agencies.id"), nullable=False)
    period = Column(String(7), nullable=False)  # YYYY-MM
    total = Money()
    status = Column(String(10), default="draft")
    issued_on = Column(Date)
