"""Site surveys.  No repository for these - Dan wrote it straight against the
session and nobody refactored it."""
import json
import logging
from datetime import date, datetime
from typing import List, Optional

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, selectinload

from solarco.core.notifications import OutgoingEmail, render_template, send_email
from solarco.core.utils import BusinessRuleError, NotFoundError, to_decimal
from solarco.models.lead import Lead
from solarco.models.survey import RoofFace, ShadingReport, SiteSurvey, SurveyPhoto

log = logging.getLogger(__name__)

# m2 per kW for a typical 400W module incl. fire setbacks
M2_PER_KW = 5.6
MIN_USABLE_FACE_M2 = 4.0
ROOF_MAX_AGE = {"comp_shingle": 15, "tile": 30, "metal": 30, "flat": 12, "wood_shake": 0}


def azimuth_factor(azimuth_deg: Optional[int]) -> float:
    """Production multiplier vs due south (northern hemisphere)."""
    if azimuth_deg is None:
        return 1.0
    off = abs(((azimuth_deg - 180) + 180) % 360 - 180)
    if off <= 20:
        return 1.0
    if off <= 60:
        return 0.95
    if off <= 100:
        return 0.85
    return 0.65  # north-facing, generally not recommended


def needs_reroof(roof_type: Optional[str], age_years: Optional[int]) -> bool:
    if not roof_type or age_years is None:
        return False
    limit = ROOF_MAX_AGE.get(roof_type, 20)
    return age_years >= limit


class SurveyService:
    def __init__(self, db: Session):
        self.db = db

    def get(self, survey_id: int) -> Optional[SiteSurvey]:
        return self.db.scalars(select(SiteSurvey)
                               .options(selectinload(SiteSurvey.roof_faces))
                               .where(SiteSurvey.id == survey_id)).first()

    def get_or_404(self, survey_id: int) -> SiteSurvey:
        s = self.get(survey_id)
        if s is None:
            raise NotFoundError("SiteSurvey", survey_id)
        return s

    def latest_completed(self, lead_id: int) -> Optional[SiteSurvey]:
        return self.db.scalars(select(SiteSurvey).where(
            SiteSurvey.lead_id == lead_id, SiteSurvey.status == "completed"
        ).order_by(SiteSurvey.completed_at.desc())).first()

    def for_lead(self, lead_id: int) -> List[SiteSurvey]:
        return list(self.db.scalars(select(SiteSurvey).where(SiteSurvey.lead_id == lead_id)))

    def schedule(self, lead_id: int, when: datetime, surveyor: Optional[str] = None) -> SiteSurvey:
        survey = SiteSurvey(lead_id=lead_id, scheduled_for=when, surveyor=surveyor, status="scheduled")
        self.db.add(survey)
        self.db.flush()
        lead = self.db.get(Lead, lead_id)
        if lead and lead.email:
            send_email(OutgoingEmail(
                to=[lead.email], subject="Your SolarCo site survey",
                body=render_template("survey_scheduled", first_name=lead.first_name,
                                     when=when.strftime("%A %d %B at %H:%M"))))
        return survey

    def reschedule(self, survey_id: int, when: datetime) -> SiteSurvey:
        s = self.get_or_404(survey_id)
        if s.status == "completed":
            raise BusinessRuleError("survey already completed")
        s.scheduled_for = when
        s.status = "scheduled"
        self.db.commit()
        return s

    def add_roof_face(self, survey_id: int, label: str, azimuth: int, tilt: int, area_m2: float,
                      obstructions_m2: float = 0.0, obstructions: Optional[str] = None) -> RoofFace:
        self.get_or_404(survey_id)
        usable = max(area_m2 - obstructions_m2, 0.0) * 0.8  # 20% setbacks
        face = RoofFace(survey_id=survey_id, label=label, azimuth_deg=azimuth, tilt_deg=tilt,
                        area_m2=area_m2, usable_area_m2=round(usable, 2), obstructions=obstructions)
        self.db.add(face)
        self.db.commit()
        return face

    def record_shading(self, survey_id: int, solar_access: float, tsrf: float,
                       monthly: Optional[List[float]] = None, tool: str = "solmetric") -> ShadingReport:
        self.get_or_404(survey_id)
        report = self.db.scalars(select(ShadingReport).where(ShadingReport.survey_id == survey_id)).first()
        if report is None:
            report = ShadingReport(survey_id=survey_id)
            self.db.add(report)
        report.tool = tool
        report.annual_solar_access_pct = solar_access
        report.tsrf_pct = tsrf
        report.monthly_json = json.dumps(monthly or [])
        report.measured_on = date.today()
        self.db.commit()
        return report

    def attach_photo(self, survey_id: int, url: str, caption: Optional[str] = None) -> SurveyPhoto:
        photo = SurveyPhoto(survey_id=survey_id, url=url, caption=caption, taken_at=datetime.utcnow())
        self.db.add(photo)
        self.db.commit()
        return photo

    def complete(self, survey_id: int, roof_type: str, roof_age: int, main_panel_amps: int,
                 notes: Optional[str] = None) -> SiteSurvey:
        s = self.get_or_404(survey_id)
        if not s.roof_faces:
            raise BusinessRuleError("at least one roof face must be measured")
        s.roof_type = roof_type
        s.roof_age_years = roof_age
        s.main_panel_amps = main_panel_amps
        s.needs_panel_upgrade = main_panel_amps is not None and main_panel_amps < 200
        s.needs_reroof = needs_reroof(roof_type, roof_age)
        s.notes = notes
        s.status = "completed"
        s.completed_at = datetime.utcnow()
        self.db.commit()
        return s

    def usable_roof_area(self, survey_id: int) -> float:
        v = self.db.execute(select(func.coalesce(func.sum(RoofFace.usable_area_m2), 0)).where(
            RoofFace.survey_id == survey_id,
            RoofFace.usable_area_m2 >= MIN_USABLE_FACE_M2)).scalar_one()
        return float(v)

    def max_system_kw(self, survey_id: int) -> float:
        faces = self.db.scalars(select(RoofFace).where(RoofFace.survey_id == survey_id)).all()
        kw = 0.0
        for f in faces:
            if float(f.usable_area_m2 or 0) < MIN_USABLE_FACE_M2:
                continue
            if azimuth_factor(f.azimuth_deg) < 0.8:
                continue  # skip north faces
            kw += float(f.usable_area_m2) / M2_PER_KW
        return round(kw, 2)

    def solar_access(self, survey_id: int) -> float:
        report = self.db.scalars(select(ShadingReport).where(ShadingReport.survey_id == survey_id)).first()
        return float(report.annual_solar_access_pct) if report and report.annual_solar_access_pct else 100.0

    def structural_summary(self, survey_id: int) -> dict:
        """Used by permit packs (structural letter)."""
        s = self.get_or_404(survey_id)
        faces = [{"label": f.label, "tilt": f.tilt_deg, "azimuth": f.azimuth_deg,
                  "area_m2": float(to_decimal(f.area_m2))} for f in s.roof_faces]
        return {"roof_type": s.roof_type, "roof_age_years": s.roof_age_years,
                "main_panel_amps": s.main_panel_amps, "faces": faces}

    def surveyor_calendar(self, surveyor: str, day: date) -> List[dict]:
        sql = """
            SELECT s.id, s.scheduled_for, l.first_name, l.last_name, l.address_line1, l.city
              FROM site_surveys s JOIN leads l ON l.id = s.lead_id
             WHERE s.surveyor = :who AND s.scheduled_for::date = :d AND s.status = 'scheduled'
             ORDER BY s.scheduled_for
        """
        return [dict(r) for r in self.db.execute(text(sql), {"who": surveyor, "d": day}).mappings()]
