import enum

from sqlalchemy import Column, Date, Enum, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import relationship

from insure.db import Base
from insure.models.base import Money, TimestampMixin


class LineOfBusiness(enum.Enum):
    HOME = "home"
    MOTOR = "motor"
    TRAVEL = "travel"
    LIABILITY = "liability"


class Product(Base, TimestampMixin):
    __tablename__ = "products"

    id = Column(Integer, primary_key=True)
    code = Column(String(20), unique=True, nullable=False)
    name = Column(String(120), nullable=False)
    line = Column(Enum(LineOfBusiness), nullable=False)
    active = Column(Integer, default=1)
    term_months = Column(Integer, default=12)
    min_premium = Money()
    allows_instalments = Column(Integer, default=1)

    coverages = relationship("CoverageType", back_populates="product", order_by="CoverageType.sort_order")
    tariffs = relationship("Tariff", back_populates="product")

class CoverageType(Base):
    __tablename__ = "coverage_types"

    id = Column(Integer, primary_key=True)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    code = Column(String(20), nullable=False)
    label = Column(String(120))
    mandatory = Column(Integer, default=0)
    default_limit = Money(nullable=True)
    default_deductible = Money(nullable=True)
    sort_order = Column(Integer, default=0)

    product = relationship("Product", back_populates="coverages")


class Tariff(Base, TimestampMixin):
    __tablename__ = "tariffs"

    id = Column(Integer, primary_key=True)
    product_id = Column(Integer, ForeignKey("products.id"), nullable=False)
    version = Column(String(20), nullable=False)
    valid_from = Column(Date, nullable=False)
    valid_to = Column(Date)
    base_rate = Column(Numeric(10, 6), nullable=False)  # per 1000 sum insured
    status = Column(String(10), default="draft")  # draft | live | retired

    product = relationship("Product", back_populates="tariffs")
    factors = relationship("RatingFactor", back_populates="tariff", cascade="all, delete-orphan")


class RatingFactor(Base):
    __tablename__ = "rating_factors"

    id = Column(Integer, primary_key=True)
    tariff_id = Column(Integer, ForeignKey("tariffs.id"), nullable=False, index=True)
    coverage_code = Column(String(20))  # null = applies to all coverages
    factor_name = Column(String(40), nullable=False)  # e.g. postcode_zone, driver_age
    band_low = Column(Numeric(12, 2))
    band_high = Column(Numeric(12, 2))
    band_value = Column(String(40))
    multiplier = Column(Numeric(8, 4), nullable=False, default=1)

    tariff = relationship("Tariff", back_populates="factors")
