from datetime import date
from typing import Optional

from pydantic import BaseModel, EmailStr, validator

from carehub.schemas.common import ORMModel
from carehub.utils.validators import valid_ni_number


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class StaffCreate(BaseModel):
    email: EmailStr
    first_name: str
    last_name: str
    phone: Optional[str]
    postcode: Optional[str]
    employment_type: str = "zero_hours"
    job_title: str = "Care Worker"
    ni_number: Optional[str]
    start_date: Optional[date]
    drives: bool = True

    @validator("ni_number")
    def ni_ok(cls, v):
        if v and not valid_ni_number(v):
            raise ValueError("bad NI number")
        return v


class StaffOut(ORMModel):
    id: int
    first_name: str
    last_name: str
    status: str
    area: Optional[str]
    employment_type: str


class TrainingRecordIn(BaseModel):
    course_id: int
    completed_on: Optional[date]
    provider: Optional[str]


class DbsCheckIn(BaseModel):
    certificate_number: str
    issued_on: date
    update_service: bool = False
    outcome: str = "clear"


class SupervisionIn(BaseModel):
    kind: str = "supervision"
    held_on: date
    notes: Optional[str]
    concerns_raised: bool = False
