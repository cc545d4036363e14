from marshmallow import fields, validate, validates, validates_schema, ValidationError

from lab.schemas import BaseSchema, StrippedString, UpperString, not_in_future

MATRICES = ["water", "wastewater", "soil", "sludge", "food", "swab", "blood", "air", "microbiology", "other"]


class ContainerSchema(BaseSchema):
    container_type = StrippedString(required=True)
    volume_ml = fields.Float(allow_none=True, validate=validate.Range(min=0))
    preservative = StrippedString(allow_none=True)
    seal_intact = fields.Boolean(missing=True)


class SampleReceiptSchema(BaseSchema):
    client_id = fields.Integer(required=True)
    site_id = fields.Integer(allow_none=True)
    order_id = fields.Integer(allow_none=True)
    matrix = fields.String(required=True, validate=validate.OneOf(MATRICES))
    description = StrippedString(allow_none=True)
    client_ref = StrippedString(allow_none=True)
    sampled_at = fields.DateTime(allow_none=True, validate=not_in_future)
    temperature = fields.Float(allow_none=True)
    delivered_by = StrippedString(allow_none=True)
    urgent = fields.Boolean(missing=False)
    tat_class = fields.String(missing="standard", validate=validate.OneOf(["standard", "express", "urgent"]))
    po_number = StrippedString(allow_none=True)
    retention_days = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=3650))
    containers = fields.List(fields.Nested(ContainerSchema), required=True)
    analyses = fields.List(UpperString(), missing=list)
    panels = fields.List(UpperString(), missing=list)

    @validates_schema
    def check_tests(self, data, **kwargs):
        if not data.get("analyses") and not data.get("panels") and not data.get("order_id"):
            raise ValidationError("choose at least one test or panel", "analyses")


class CustodyTransferSchema(BaseSchema):
    to_person = StrippedString(required=True)
    location = StrippedString(required=True)
    note = StrippedString(allow_none=True)


class DisposalSchema(BaseSchema):
    sample_ids = fields.List(fields.Integer(), required=True, validate=validate.Length(min=1))
    method = fields.String(required=True, validate=validate.OneOf(["drain", "incineration", "clinical_waste",
                                                                   "returned_to_client"]))
    witness_id = fields.Integer(allow_none=True)
    certificate_ref = StrippedString(allow_none=True)


class ClientSchema(BaseSchema):
    code = UpperString(required=True, validate=validate.Length(min=2, max=16))
    name = StrippedString(required=True)
    vat_number = StrippedString(allow_none=True)
    country = UpperString(missing="GB", validate=validate.Length(equal=2))
    address1 = StrippedString(allow_none=True)
    address2 = StrippedString(allow_none=True)
    city = StrippedString(allow_none=True)
    postcode = UpperString(allow_none=True)
    credit_limit = fields.Decimal(allow_none=True, places=2)
    price_list_code = UpperString(missing="STD")
    account_manager_id = fields.Integer(allow_none=True)

    @validates("vat_number")
    def check_vat(self, value, **kwargs):
        if value and not value[:2].isalpha():
            raise ValidationError("VAT number must start with the country prefix")


class ContactSchema(BaseSchema):
    name = StrippedString(required=True)
    email = fields.Email(allow_none=True)
    phone = StrippedString(allow_none=True)
    role = fields.String(missing="primary", validate=validate.OneOf(["primary", "billing", "results"]))
    receives_certificates = fields.Boolean(missing=True)
