from datetime import date
from typing import List, Optional

from pydantic import BaseModel

from carehub.schemas.common import ORMModel


class TimesheetEntryOut(ORMModel):
    id: int
    entry_date: date
    kind: str
    minutes: int
    amount_pence: int
    description: Optional[str]


class TimesheetOut(ORMModel):
    id: int
    staff_id: int
    week_start: date
    status: str
    total_minutes: int
    gross_pence: int
    entries: List[TimesheetEntryOut] = []


class FunderIn(BaseModel):
    name: str
    funder_type: str
    billing_email: Optional[str]
    payment_terms_days: int = 30
    invoice_frequency: str = "4weekly"
    requires_po: bool = False


class InvoiceOut(ORMModel):
    id: int
    number: str
    funder_id: Optional[int]
    client_id: Optional[int]
    period_start: date
    period_end: date
    status: str
    total_pence: int
    paid_pence: int


class PaymentIn(BaseModel):
    amount_pence: int
    received_on: date
    method: str = "bacs"
    reference: Optional[str]
