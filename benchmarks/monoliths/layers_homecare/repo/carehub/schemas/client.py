from datetime import date
from decimal import Decimal
from typing import List, Optional

from pydantic import BaseModel, validator

from carehub.schemas.common import ORMModel
from carehub.utils.validators import valid_nhs_number


class ClientBase(BaseModel):
    first_name: str
    last_name: str
    preferred_name: Optional[str]
    date_of_birth: Optional[date]
    nhs_number: Optional[str]
    address_line1: Optional[str]
    town: Optional[str]
    postcode: Optional[str]
    phone: Optional[str]
    area: Optional[str]
    preferred_gender_carer: Optional[str]

    @validator("nhs_number")
    def check_nhs(cls, v):
        if v and not valid_nhs_number(v):
            raise ValueError("Invalid NHS number")
        return v


class ClientCreate(ClientBase):
    primary_funder_id: Optional[int]


class ClientUpdate(BaseModel):
    preferred_name: Optional[str]
    phone: Optional[str]
    address_line1: Optional[str]
    postcode: Optional[str]
    key_safe_code: Optional[str]
    access_notes: Optional[str]
    status: Optional[str]


class ClientOut(ORMModel, ClientBase):
    id: int
    reference: Optional[str]
    status: str


class AssessmentIn(BaseModel):
    assessed_on: date
    assessment_type: str = "initial"
    hoist_required: bool = False
    double_up_override: Optional[bool]
    medication_support_level: Optional[str]
    items: List[dict] = []  # domain, question, answer, score


class AssessmentOut(ORMModel):
    id: int
    client_id: int
    assessed_on: date
    status: str
    assessed_hours_per_week: Optional[Decimal]
    mobility_score: Optional[int]


class RiskAssessmentIn(BaseModel):
    risk_type: str
    likelihood: int
    impact: int
    controls: Optional[str]
    review_due: Optional[date]
