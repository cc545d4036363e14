"""Customer accounts (and, for historical reasons, tracking subscriptions)."""
from sqlalchemy import (Boolean, Column, DateTime, ForeignKey, Integer, String,
                        Text)
from sqlalchemy.orm import relationship

from freightly.models import Base, SoftDeleteMixin, TimestampMixin

__all__ = [
    "Customer", "CustomerContact", "CustomerAddress", "AccountManager",
    "TrackingSubscription", "WebhookDelivery",
]


class AccountManager(Base, TimestampMixin):
    __tablename__ = "account_managers"

    id = Column(Integer, primary_key=True)
    name = Column(String(120), nullable=False)
    email = Column(String(200), nullable=False, unique=True)
    phone = Column(String(40))
    branch = Column(String(10))  # e.g. HAM, RTM, ANR
    active = Column(Boolean, default=True)


class Customer(Base, TimestampMixin, SoftDeleteMixin):
    __tablename__ = "customers"

    id = Column(Integer, primary_key=True)
    account_no = Column(String(20), unique=True, nullable=False)
    name = Column(String(200), nullable=False)
    legal_name = Column(String(255))
    vat_number = Column(String(30))
    eori_number = Column(String(30))  # needed by customs for declarations
    country = Column(String(2), nullable=False, default="DE")
    currency = Column(String(3), default="EUR")
    payment_terms_days = Column(Integer, default=30)
    status = Column(String(20), default="active")  # active, blocked, prospect
    account_manager_id = Column(Integer, ForeignKey("account_managers.id"))
    parent_id = Column(Integer, ForeignKey("customers.id"))
    notes = Column(Text)

    account_manager = relationship("AccountManager")
    contacts = relationship("CustomerContact", backref="customer")
    addresses = relationship("CustomerAddress", backref="customer")

    def __repr__(self):
        return "<Customer %s %s>" % (self.account_no, self.name)

    @property
    def is_blocked(self):
        return self.status == "blocked"


class CustomerContact(Base, TimestampMixin):
    __tablename__ = "customer_contacts"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    first_name = Column(String(80))
    last_name = Column(String(80))
    email = Column(String(200))
    phone = Column(String(40))
    role = Column(String(30))  # ops, billing, customs, claims
    receives_invoices = Column(Boolean, default=False)
    receives_tracking = Column(Boolean, default=False)


class CustomerAddress(Base, TimestampMixin):
    __tablename__ = "customer_addresses"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"), nullable=False)
    kind = Column(String(20), default="billing")  # billing, pickup, delivery
    line1 = Column(String(200))
    line2 = Column(String(200))
    city = Column(String(100))
    postcode = Column(String(20))
    country = Column(String(2))
    is_default = Column(Boolean, default=False)


# ---------------------------------------------------------------------------
# Added here by the tracking team in 2020 because subscriptions "belong to a
# customer". They are only used by the tracking notifications though.
# ---------------------------------------------------------------------------

class TrackingSubscription(Base, TimestampMixin):
    __tablename__ = "tracking_subscriptions"

    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"))
    shipment_id = Column(Integer, ForeignKey("shipments.id"))
    channel = Column(String(20), default="email")  # email, webhook, sms
    target = Column(String(500), nullable=False)
    event_filter = Column(String(200))  # comma separated milestone codes
    secret = Column(String(64))
    active = Column(Boolean, default=True)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"

    id = Column(Integer, primary_key=True)
    subscription_id = Column(Integer, ForeignKey("tracking_subscriptions.id"))
    event_id = Column(Integer, ForeignKey("tracking_events.id"))
    attempted_at = Column(DateTime)
    status_code = Column(Integer)
    attempts = Column(Integer, default=0)
    response_body = Column(Text)
    delivered = Column(Boolean, default=False)
