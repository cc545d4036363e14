from datetime import date
from decimal import Decimal
from typing import List, Optional

from pydantic import BaseModel, Field


class CustomerIn(BaseModel):
    name: str
    email: Optional[str] = None
    phone: Optional[str] = None
    vat_number: Optional[str] = None
    credit_limit: Decimal = Decimal("0")


class CustomerOut(BaseModel):
    id: int
    account_code: str
    name: str
    email: Optional[str]
    on_hold: bool

    class Config:
        orm_mode = True


class AddressIn(BaseModel):
    kind: str = "delivery"
    line1: str
    line2: Optional[str] = None
    city: str
    postcode: str
    country: str = "NL"


class ParcelIn(BaseModel):
    description: Optional[str] = None
    sku: Optional[str] = None
    quantity: int = 1
    weight_kg: float
    length_cm: int = 120
    width_cm: int = 80
    height_cm: int = 100


class QuoteRequest(BaseModel):
    customer_id: int
    origin_postcode: str
    destination_postcode: str
    items: List[ParcelIn]
    extras: List[str] = []


class QuoteOut(BaseModel):
    reference: str
    total: Decimal
    currency: str
    valid_until: date

    class Config:
        orm_mode = True


class BookingIn(BaseModel):
    customer_id: int
    origin_address: str
    destination_address: str
    pickup_date: Optional[date] = None
    items: List[ParcelIn]


class TrackingEventIn(BaseModel):
    code: str = Field(..., max_length=30)
    lat: Optional[float] = None
    lon: Optional[float] = None
    note: Optional[str] = None


class VehicleIn(BaseModel):
    registration: str
    payload_kg: int
    kind: str = "rigid"
    depot: Optional[str] = None


class DriverIn(BaseModel):
    employee_no: str
    first_name: str
    last_name: str
    phone: Optional[str] = None
    depot: Optional[str] = None


class ReceiptIn(BaseModel):
    warehouse_code: str
    customer_id: int
    sku: str
    quantity: int
    pallets: int = 0


class PaymentIn(BaseModel):
    amount: Decimal
    method: str = "sepa"
    bank_ref: Optional[str] = None
