from marshmallow import fields, validate

from lab.schemas import BaseSchema, StrippedString, UpperString, not_in_future


class OrderSchema(BaseSchema):
    client_id = fields.Integer(required=True)
    contact_id = fields.Integer(allow_none=True)
    po_number = StrippedString(allow_none=True)
    quote_ref = StrippedString(allow_none=True)
    tat_class = fields.String(missing="standard", validate=validate.OneOf(["standard", "express", "urgent"]))
    notes = StrippedString(allow_none=True)


class AddAnalysesSchema(BaseSchema):
    sample_id = fields.Integer(required=True)
    analyses = fields.List(UpperString(), missing=list)
    panels = fields.List(UpperString(), missing=list)


class PanelSchema(BaseSchema):
    code = UpperString(required=True)
    name = StrippedString(required=True)
    matrix = StrippedString(allow_none=True)
    description = StrippedString(allow_none=True)
    active = fields.Boolean(missing=True)
    analysis_ids = fields.List(fields.Integer(), missing=list)


class AnalysisSchema(BaseSchema):
    code = UpperString(required=True)
    name = StrippedString(required=True)
    method_ref = StrippedString(allow_none=True)
    department = StrippedString(required=True)
    matrix = StrippedString(allow_none=True)
    unit = StrippedString(allow_none=True)
    decimals = fields.Integer(missing=2, validate=validate.Range(min=0, max=6))
    lod = fields.Float(allow_none=True)
    loq = fields.Float(allow_none=True)
    accredited = fields.Boolean(missing=False)
    default_tat_days = fields.Integer(missing=5)


# --- invoicing (kept here because the order screen posts payments too) ------

class InvoiceFilterSchema(BaseSchema):
    client_id = fields.Integer(allow_none=True)
    status = fields.String(allow_none=True)
    date_from = fields.Date(allow_none=True)
    date_to = fields.Date(allow_none=True)
    page = fields.Integer(missing=1)


class PaymentSchema(BaseSchema):
    amount = fields.Decimal(required=True, places=2)
    received_on = fields.Date(allow_none=True, validate=not_in_future)
    method = fields.String(missing="bacs", validate=validate.OneOf(["bacs", "card", "cheque", "cash"]))
    reference = StrippedString(allow_none=True)


class CreditNoteSchema(BaseSchema):
    amount = fields.Decimal(required=True, places=2)
    reason = StrippedString(required=True, validate=validate.Length(min=5))
