from marshmallow import fields, validate, validates_schema, ValidationError

from lab.schemas import BaseSchema, StrippedString, not_in_future


class ResultEntrySchema(BaseSchema):
    sample_id = fields.Integer(required=True)
    analysis_id = fields.Integer(required=True)
    raw_value = StrippedString(required=True)
    instrument_id = fields.Integer(allow_none=True)
    batch_id = fields.Integer(allow_none=True)
    reagent_lot_id = fields.Integer(allow_none=True)
    order_item_id = fields.Integer(allow_none=True)
    comment = StrippedString(allow_none=True)


class WorksheetSchema(BaseSchema):
    results = fields.List(fields.Nested(ResultEntrySchema), required=True)


class ReviewActionSchema(BaseSchema):
    result_ids = fields.List(fields.Integer(), required=True, validate=validate.Length(min=1))
    action = fields.String(required=True, validate=validate.OneOf(["review", "approve", "reject", "rerun"]))
    reason = StrippedString(allow_none=True)

    @validates_schema
    def reason_for_reject(self, data, **kwargs):
        if data.get("action") in ("reject", "rerun") and not data.get("reason"):
            raise ValidationError("reason required", "reason")


class BatchSchema(BaseSchema):
    analysis_id = fields.Integer(required=True)
    instrument_id = fields.Integer(required=True)
    sample_ids = fields.List(fields.Integer(), required=True)


class QCCheckSchema(BaseSchema):
    qc_type = fields.String(required=True, validate=validate.OneOf(["blank", "crm", "spike", "duplicate"]))
    expected = fields.Float(allow_none=True)
    measured = fields.Float(required=True)
    duplicate_of = fields.Float(allow_none=True)


class CalibrationSchema(BaseSchema):
    cal_type = fields.String(missing="internal", validate=validate.OneOf(["internal", "external"]))
    points = fields.List(fields.List(fields.Float(), validate=validate.Length(equal=2)), missing=list)
    certificate_no = StrippedString(allow_none=True)
    passed = fields.Boolean(missing=True)
    performed_on = fields.Date(allow_none=True, validate=not_in_future)
    notes = StrippedString(allow_none=True)


class MaintenanceSchema(BaseSchema):
    kind = fields.String(required=True, validate=validate.OneOf(["preventive", "repair", "service_visit"]))
    description = StrippedString(required=True)
    downtime_hours = fields.Decimal(allow_none=True)
    take_out_of_service = fields.Boolean(missing=False)


class TrainingRecordSchema(BaseSchema):
    course = StrippedString(required=True)
    provider = StrippedString(allow_none=True)
    completed_on = fields.Date(required=True, validate=not_in_future)
    hours = fields.Decimal(allow_none=True)
    certificate_ref = StrippedString(allow_none=True)
    notes = StrippedString(allow_none=True)


class CompetencySchema(BaseSchema):
    analysis_id = fields.Integer(required=True)
    level = fields.String(required=True, validate=validate.OneOf(["trainee", "supervised", "competent", "trainer"]))
