from sqlalchemy import Boolean, Column, Date, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.orm import relationship

from solarco.core.database import Base, TimestampMixin


class SiteSurvey(Base, TimestampMixin):
    __tablename__ = "site_surveys"

    id = Column(Integer, primary_key=True)
    lead_id = Column(Integer, ForeignKey("leads.id"), nullable=False, index=True)
    scheduled_for = Column(DateTime)
    surveyor = Column(String(120))
    status = Column(String(20), default="scheduled")  # scheduled, completed, cancelled, no_show
    roof_type = Column(String(40))  # comp_shingle, tile, metal, flat, ...
    roof_age_years = Column(Integer)
    main_panel_amps = Column(Integer)
    needs_panel_upgrade = Column(Boolean, default=False)
    needs_reroof = Column(Boolean, default=False)
    notes = Column(Text)
    completed_at = Column(DateTime)

    roof_faces = relationship("RoofFace", back_populates="survey", cascade="all, delete-orphan")
    shading = relationship("ShadingReport", back_populates="survey", uselist=False)
    photos = relationship("SurveyPhoto", back_populates="survey")


class RoofFace(Base):
    __tablename__ = "roof_faces"

    id = Column(Integer, primary_key=True)
    survey_id = Column(Integer, ForeignKey("site_surveys.id"), nullable=False)
    label = Column(String(40))
    azimuth_deg = Column(Integer)
    tilt_deg = Column(Integer)
    area_m2 = Column(Numeric(8, 2))
    usable_area_m2 = Column(Numeric(8, 2))
    obstructions = Column(String(255))

    survey = relationship("SiteSurvey", back_populates="roof_faces")


class ShadingReport(Base):
    __tablename__ = "shading_reports"

    id = Column(Integer, primary_key=True)
    survey_id = Column(Integer, ForeignKey("site_surveys.id"), nullable=False, unique=True)
    tool = Column(String(40), default="solmetric")
    annual_solar_access_pct = Column(Numeric(5, 2))
    tsrf_pct = Column(Numeric(5, 2))
    monthly_json = Column(Text)
    measured_on = Column(Date)

    survey = relationship("SiteSurvey", back_populates="shading")


class SurveyPhoto(Base):
    __tablename__ = "survey_photos"

    id = Column(Integer, primary_key=True)
    survey_id = Column(Integer, ForeignKey("site_surveys.id"), nullable=False)
    url = Column(String(500), nullable=False)
    caption = Column(String(200))
    taken_at = Column(DateTime)

    survey = relationship("SiteSurvey", back_populates="photos")
