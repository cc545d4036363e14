import datetime as dt

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import relationship

from models.base import Base, IdMixin


class PlanSet(Base, IdMixin):
    __tablename__ = "plan_sets"

    application_id = Column(Integer, ForeignKey("permit_applications.id"), nullable=False)
    revision = Column(Integer, default=1)
    submitted_at = Column(DateTime, default=dt.datetime.utcnow)
    status = Column(String(20), default="received")  # received, in_review, approved, superseded
    stamped_at = Column(DateTime)
    stamped_by_id = Column(Integer, ForeignKey("staff.id"))

    application = relationship("PermitApplication", backref="plan_sets")
    documents = relationship("Document", back_populates="plan_set")


class Document(Base, IdMixin):
    __tablename__ = "documents"

    plan_set_id = Column(Integer, ForeignKey("plan_sets.id"))
    # generic owner for non-plan documents (certificates, photos, letters)
    owner_type = Column(String(30))
    owner_id = Column(Integer)
    title = Column(String(200))
    category = Column(String(20))  # plan, calc, photo, certificate, letter, other
    sheet_number = Column(String(10))
    uploaded_by = Column(String(120))
    uploaded_at = Column(DateTime, default=dt.datetime.utcnow)
    current_version = Column(Integer, default=1)
    deleted = Column(Boolean, default=False)

    plan_set = relationship("PlanSet", back_populates="documents")
    versions = relationship("DocumentVersion", back_populates="document", order_by="DocumentVersion.version")

    def latest(self):
        return self.versions[-1] if self.versions else None


class DocumentVersion(Base, IdMixin):
    __tablename__ = "document_versions"

    document_id = Column(Integer, ForeignKey("documents.id"), nullable=False)
    version = Column(Integer, nullable=False)
    storage_key = Column(String(300), nullable=False)
    size_bytes = Column(Integer)
    sha256 = Column(String(64))
    content_type = Column(String(80))
    uploaded_at = Column(DateTime, default=dt.datetime.utcnow)

    document = relationship("Document", back_populates="versions")
