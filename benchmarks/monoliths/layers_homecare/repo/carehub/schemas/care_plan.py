from datetime import date, datetime, time
from typing import List, Optional

from pydantic import BaseModel

from carehub.schemas.common import ORMModel


class CarePlanTaskIn(BaseModel):
    call_slot: str
    days_of_week: str = "0123456"
    start_time: time
    duration_minutes: int = 30
    carers_required: int = 1
    title: str
    instructions: Optional[str]
    is_medication_task: bool = False


class CarePlanCreate(BaseModel):
    assessment_id: Optional[int]
    summary: Optional[str]
    likes_dislikes: Optional[str]
    communication_needs: Optional[str]
    dnacpr: bool = False
    tasks: List[CarePlanTaskIn] = []


class CarePlanOut(ORMModel):
    id: int
    client_id: int
    version: int
    status: str
    effective_from: Optional[date]
    next_review_due: Optional[date]


# medication bits - TODO split into schemas/mar.py
class MedicationIn(BaseModel):
    name: str
    strength: Optional[str]
    form: Optional[str]
    route: str = "oral"
    dose: Optional[str]
    is_prn: bool = False
    is_controlled: bool = False
    support_level: str = "administer"
    start_date: Optional[date]


class MarEntryIn(BaseModel):
    medication_id: int
    schedule_id: Optional[int]
    outcome: str
    quantity_given: Optional[str]
    notes: Optional[str]
    witness_staff_id: Optional[int]
