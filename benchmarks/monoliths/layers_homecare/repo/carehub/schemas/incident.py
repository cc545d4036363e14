from datetime import date, datetime
from typing import Optional

from pydantic import BaseModel

from carehub.schemas.common import ORMModel


class IncidentCreate(BaseModel):
    client_id: Optional[int]
    staff_id: Optional[int]
    visit_id: Optional[int]
    occurred_at: datetime
    category: str
    severity: str = "low"
    description: str
    immediate_action: Optional[str]
    body_map: Optional[dict]  # body_region, mark_type, size_mm, description


class IncidentOut(ORMModel):
    id: int
    reference: Optional[str]
    category: str
    severity: str
    status: str
    occurred_at: datetime


class ReferralIn(BaseModel):
    abuse_type: str
    alleged_perpetrator: Optional[str]
    referred_to: str
    la_reference: Optional[str]


