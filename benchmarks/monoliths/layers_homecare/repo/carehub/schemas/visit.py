from datetime import date, datetime, time
from typing import List, Optional

from pydantic import BaseModel

from carehub.schemas.common import ORMModel


class VisitCreate(BaseModel):
    client_id: int
    planned_start: datetime
    planned_minutes: int = 30
    staff_id: Optional[int]
    second_staff_id: Optional[int]
    notes: Optional[str]


class VisitOut(ORMModel):
    id: int
    client_id: int
    staff_id: Optional[int]
    planned_start: datetime
    planned_minutes: int
    actual_start: Optional[datetime]
    actual_end: Optional[datetime]
    status: str


class CheckInOut(BaseModel):
    lat: Optional[float]
    lng: Optional[float]
    method: str = "app"
    occurred_at: Optional[datetime]


class TaskLogIn(BaseModel):
    care_plan_task_id: int
    completed: bool
    not_done_reason: Optional[str]
    note: Optional[str]


