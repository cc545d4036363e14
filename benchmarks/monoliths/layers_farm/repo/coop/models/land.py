"""Land, crops and soil."""
from datetime import date

from sqlalchemy import (Boolean, Column, Date, DateTime, Float, ForeignKey,
                        Integer, Numeric, String, Text)
from sqlalchemy.orm import relationship

from coop.models.base import AuditMixin, Base, IdMixin, TimestampMixin


class Season(IdMixin, Base):
    __tablename__ = "seasons"

    crop_year = Column(Integer, unique=True, nullable=False)
    label = Column(String(20))
    planning_opens = Column(Date)
    planning_closes = Column(Date)
    is_current = Column(Boolean, default=False)


class Field(IdMixin, AuditMixin, Base):
    __tablename__ = "fields"

    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    name = Column(String(80))
    legal_land_desc = Column(String(40))  # e.g. NW-12-34-5-W2
    area_ha = Column(Float, nullable=False)
    soil_zone = Column(String(20))  # brown / dark brown / black / grey
    irrigated = Column(Boolean, default=False)
    tenure = Column(String(10), default="owned")  # owned / rented
    boundary_geojson = Column(Text)
    retired = Column(Boolean, default=False)

    owner = relationship("Member", backref="fields")
    plans = relationship("CropPlan", back_populates="field", order_by="CropPlan.season_id")


class CropVariety(IdMixin, Base):
    __tablename__ = "crop_varieties"

    commodity = Column(String(20), nullable=False)
    name = Column(String(80), nullable=False)
    maturity_days = Column(Integer)
    expected_yield_t_ha = Column(Float)
    seed_rate_kg_ha = Column(Float)
    registered = Column(Boolean, default=True)


class CropPlan(IdMixin, AuditMixin, Base):
    __tablename__ = "crop_plans"

    field_id = Column(Integer, ForeignKey("fields.id"), nullable=False)
    season_id = Column(Integer, ForeignKey("seasons.id"), nullable=False)
    variety_id = Column(Integer, ForeignKey("crop_varieties.id"))
    commodity = Column(String(20), nullable=False)
    planned_area_ha = Column(Float)
    target_yield_t_ha = Column(Float)
    status = Column(String(16), default="draft")  # draft/submitted/approved/planted/abandoned
    approved_by = Column(String(64))
    note = Column(Text)

    field = relationship("Field", back_populates="plans")
    season = relationship("Season")
    variety = relationship("CropVariety")


class PlantingRecord(IdMixin, TimestampMixin, Base):
    __tablename__ = "planting_records"

    crop_plan_id = Column(Integer, ForeignKey("crop_plans.id"), nullable=False)
    seeded_on = Column(Date, default=date.today)
    seeded_area_ha = Column(Float)
    seed_lot = Column(String(40))
    seed_rate_kg_ha = Column(Float)
    emerged_on = Column(Date)
    reseeded = Column(Boolean, default=False)

    crop_plan = relationship("CropPlan", backref="plantings")


class SoilSample(IdMixin, TimestampMixin, Base):
    __tablename__ = "soil_samples"

    field_id = Column(Integer, ForeignKey("fields.id"), nullable=False)
    agronomist_id = Column(Integer, ForeignKey("agronomists.id"))
    sampled_on = Column(Date)
    depth_cm = Column(String(10), default="0-15")
    lab_name = Column(String(60))
    lab_ref = Column(String(40))
    status = Column(String(16), default="ordered")  # ordered/collected/at_lab/resulted

    field = relationship("Field", backref="soil_samples")
    agronomist = relationship("Agronomist")


class SoilTestResult(IdMixin, TimestampMixin, Base):
    __tablename__ = "soil_test_results"

    sample_id = Column(Integer, ForeignKey("soil_samples.id"), nullable=False, unique=True)
    ph = Column(Float)
    organic_matter_pct = Column(Float)
    nitrate_n_ppm = Column(Float)
    phosphorus_ppm = Column(Float)
    potassium_ppm = Column(Float)
    sulphur_ppm = Column(Float)
    ec_ds_m = Column(Float)
    received_at = Column(DateTime)
    raw_payload = Column(Text)

    sample = relationship("SoilSample", backref="result", uselist=False)


class NutrientRecommendation(IdMixin, AuditMixin, Base):
    __tablename__ = "nutrient_recommendations"

    sample_id = Column(Integer, ForeignKey("soil_samples.id"), nullable=False)
    crop_plan_id = Column(Integer, ForeignKey("crop_plans.id"))
    n_kg_ha = Column(Numeric(6, 1))
    p2o5_kg_ha = Column(Numeric(6, 1))
    k2o_kg_ha = Column(Numeric(6, 1))
    s_kg_ha = Column(Numeric(6, 1))
    lime_t_ha = Column(Numeric(6, 2))
    method = Column(String(20), default="sufficiency")
    comments = Column(Text)

    sample = relationship("SoilSample", backref="recommendations")


class AdvisoryVisit(IdMixin, TimestampMixin, Base):
    __tablename__ = "advisory_visits"

    agronomist_id = Column(Integer, ForeignKey("agronomists.id"), nullable=False)
    member_id = Column(Integer, ForeignKey("members.id"), nullable=False)
    field_id = Column(Integer, ForeignKey("fields.id"))
    scheduled_for = Column(Date)
    visited_on = Column(Date)
    purpose = Column(String(40))  # scouting / soil / disease / weed / general
    findings = Column(Text)
    billable = Column(Boolean, default=False)

    agronomist = relationship("Agronomist", backref="visits")
    member = relationship("Member")
    field = relationship("Field")
