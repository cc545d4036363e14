from datetime import date, datetime
from typing import List, Optional

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from solarco.core.database import get_db
from solarco.core.security import ROLE_OPS, CurrentUser, get_current_user, require_role
from solarco.core.utils import BusinessRuleError, NotFoundError
from solarco.services.survey_service import SurveyService

router = APIRouter(prefix="/surveys", tags=["surveys"])


class RoofFaceIn(BaseModel):
    label: str
    azimuth_deg: int
    tilt_deg: int
    area_m2: float
    obstructions_m2: float = 0.0
    obstructions: Optional[str] = None


class ShadingIn(BaseModel):
    annual_solar_access_pct: float
    tsrf_pct: float
    monthly: Optional[List[float]] = None
    tool: str = "solmetric"


class CompleteSurveyIn(BaseModel):
    roof_type: str
    roof_age_years: int
    main_panel_amps: int
    notes: Optional[str] = None


class SurveyOut(BaseModel):
    id: int
    lead_id: int
    status: str
    scheduled_for: Optional[datetime]
    surveyor: Optional[str]
    roof_type: Optional[str]
    needs_panel_upgrade: Optional[bool]
    needs_reroof: Optional[bool]

    class Config:
        orm_mode = True


@router.get("/{survey_id}", response_model=SurveyOut)
def get_survey(survey_id: int, db: Session = Depends(get_db),
               user: CurrentUser = Depends(get_current_user)):
    s = SurveyService(db).get(survey_id)
    if s is None:
        raise HTTPException(404, "survey not found")
    return s


@router.post("/{survey_id}/reschedule", response_model=SurveyOut)
def reschedule_survey(survey_id: int, when: datetime, db: Session = Depends(get_db),
                      user: CurrentUser = Depends(require_role(ROLE_OPS))):
    try:
        return SurveyService(db).reschedule(survey_id, when)
    except NotFoundError as e:
        raise HTTPException(404, str(e))
    except BusinessRuleError as e:
        raise HTTPException(409, str(e))


@router.post("/{survey_id}/roof-faces", status_code=201)
def add_roof_face(survey_id: int, body: RoofFaceIn, db: Session = Depends(get_db),
                  user: CurrentUser = Depends(require_role(ROLE_OPS))):
    face = SurveyService(db).add_roof_face(survey_id, body.label, body.azimuth_deg, body.tilt_deg,
                                           body.area_m2, body.obstructions_m2, body.obstructions)
    return {"id": face.id, "usable_area_m2": float(face.usable_area_m2)}


@router.put("/{survey_id}/shading")
def put_shading(survey_id: int, body: ShadingIn, db: Session = Depends(get_db),
                user: CurrentUser = Depends(require_role(ROLE_OPS))):
    r = SurveyService(db).record_shading(survey_id, body.annual_solar_access_pct, body.tsrf_pct,
                                         body.monthly, body.tool)
    return {"id": r.id}


@router.post("/{survey_id}/photos", status_code=201)
def upload_photo(survey_id: int, url: str, caption: Optional[str] = None,
                 db: Session = Depends(get_db), user: CurrentUser = Depends(require_role(ROLE_OPS))):
    p = SurveyService(db).attach_photo(survey_id, url, caption)
    return {"id": p.id}


@router.post("/{survey_id}/complete", response_model=SurveyOut)
def complete_survey(survey_id: int, body: CompleteSurveyIn, db: Session = Depends(get_db),
                    user: CurrentUser = Depends(require_role(ROLE_OPS))):
    try:
        return SurveyService(db).complete(survey_id, body.roof_type, body.roof_age_years,
                                          body.main_panel_amps, body.notes)
    except BusinessRuleError as e:
        raise HTTPException(409, str(e))


@router.get("/{survey_id}/capacity")
def survey_capacity(survey_id: int, db: Session = Depends(get_db),
                    user: CurrentUser = Depends(get_current_user)):
    svc = SurveyService(db)
    return {"usable_m2": svc.usable_roof_area(survey_id), "max_kw": svc.max_system_kw(survey_id),
            "solar_access_pct": svc.solar_access(survey_id)}


@router.get("/calendar/{surveyor}")
def surveyor_calendar(surveyor: str, day: date, db: Session = Depends(get_db),
                      user: CurrentUser = Depends(get_current_user)):
    return SurveyService(db).surveyor_calendar(surveyor, day)
