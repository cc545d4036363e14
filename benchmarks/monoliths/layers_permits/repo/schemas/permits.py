from marshmallow import fields, validate

from models.core import InspectionOutcome, PermitType
from schemas.common import BaseSchema


class ApplicantSchema(BaseSchema):
    full_name = fields.String(required=True)
    company = fields.String(allow_none=True)
    email = fields.Email(allow_none=True)
    phone = fields.String(allow_none=True)
    mailing_address = fields.String(allow_none=True)
    is_owner = fields.Boolean(load_default=False)


class ParcelSchema(BaseSchema):
    id = fields.Integer(dump_only=True)
    apn = fields.String()
    address = fields.String(dump_only=True)
    zoning = fields.String()
    owner_name = fields.String()
    historic_district = fields.Boolean()


class ApplicationCreateSchema(BaseSchema):
    permit_type = fields.String(required=True, validate=validate.OneOf(PermitType.ALL))
    work_class = fields.String(allow_none=True)
    apn = fields.String(required=True)
    description = fields.String(required=True)
    valuation = fields.Decimal(places=2, load_default=0)
    square_feet = fields.Integer(load_default=0)
    expedited = fields.Boolean(load_default=False)
    owner_builder = fields.Boolean(load_default=False)
    contractor_id = fields.Integer(allow_none=True)
    subcontractors = fields.List(fields.Dict(), load_default=list)
    applicant = fields.Nested(ApplicantSchema, required=True)


class ApplicationSchema(BaseSchema):
    id = fields.Integer()
    number = fields.String()
    permit_type = fields.String()
    status = fields.String()
    description = fields.String()
    valuation = fields.Decimal(as_string=True)
    parcel = fields.Nested(ParcelSchema)
    applicant = fields.Nested(ApplicantSchema)
    submitted_at = fields.DateTime()
    expedited = fields.Boolean()
    balance_due_cents = fields.Function(lambda a: a.balance_due_cents())


class PermitSchema(BaseSchema):
    id = fields.Integer()
    number = fields.String()
    status = fields.String()
    issued_at = fields.DateTime()
    expires_on = fields.Date()
    extensions = fields.Integer()


class ReviewDecisionSchema(BaseSchema):
    decision = fields.String(required=True, validate=validate.OneOf(["approved", "corrections", "not_required"]))
    comments = fields.String(allow_none=True)


# -- inspections (kept here because they hang off permits) --

class InspectionRequestSchema(BaseSchema):
    type_code = fields.String(required=True)
    requested_by = fields.String(required=True)
    contact_phone = fields.String(allow_none=True)
    preferred_date = fields.Date(allow_none=True)
    window = fields.String(validate=validate.OneOf(["AM", "PM"]), allow_none=True)
    access_notes = fields.String(allow_none=True)


class InspectionSchema(BaseSchema):
    id = fields.Integer()
    permit_number = fields.Function(lambda i: i.permit.number)
    address = fields.Function(lambda i: i.permit.application.parcel.address)
    type = fields.Function(lambda i: i.inspection_type.code)
    scheduled_for = fields.Date()
    window = fields.String()
    route_order = fields.Integer()
    status = fields.String()
    outcome = fields.String()


class ResultSchema(BaseSchema):
    outcome = fields.String(required=True, validate=validate.OneOf(
        [InspectionOutcome.PASS, InspectionOutcome.FAIL, InspectionOutcome.PARTIAL, InspectionOutcome.NO_ACCESS]))
    notes = fields.String(allow_none=True)
    checklist = fields.List(fields.Dict(), load_default=list)
    deficiencies = fields.List(fields.Dict(), load_default=list)
