"""WTForms used by the back-office screens."""
from decimal import Decimal, InvalidOperation

from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DecimalField, FloatField,
                     HiddenField, IntegerField, PasswordField, SelectField,
                     StringField, TextAreaField, TimeField)
from wtforms.fields import Field
from wtforms.validators import (DataRequired, Email, NumberRange, Optional,
                                ValidationError)
from wtforms.widgets import TextInput

from bakery.helpers import is_valid_phone, is_valid_postcode


class BaseForm(FlaskForm):
    """Adds `populate` that skips empty optional fields."""

    def populate(self, obj):
        for name, field in self._fields.items():
            if name in ("csrf_token", "submit"):
                continue
            if field.data in (None, "") and any(isinstance(v, Optional) for v in field.validators):
                continue
            if hasattr(obj, name):
                setattr(obj, name, field.data)
        return obj


class DecimalStringField(Field):
    """Accepts '1,234.50' and '£3.20'."""
    widget = TextInput()

    def _value(self):
        return "" if self.data is None else "%s" % self.data

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        raw = valuelist[0].replace(",", "").replace(u"\u00a3", "").strip()
        try:
            self.data = Decimal(raw)
        except InvalidOperation:
            self.data = None
            raise ValueError("Not a valid amount")


def postcode_check(form, field):
    if field.data and not is_valid_postcode(field.data):
        raise ValidationError("That doesn't look like a UK postcode")


def phone_check(form, field):
    if field.data and not is_valid_phone(field.data):
        raise ValidationError("Check the phone number")


class LoginForm(BaseForm):
    email = StringField("Email", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])
    next = HiddenField()


class RecipeForm(BaseForm):
    yield_qty = IntegerField("Yield", validators=[DataRequired(), NumberRange(min=1)])
    method = TextAreaField("Method", validators=[Optional()])
    prep_minutes = IntegerField("Prep (min)", validators=[Optional()])
    bake_minutes = IntegerField("Bake (min)", validators=[Optional()])
    oven_temp_c = IntegerField("Oven temp C", validators=[Optional(), NumberRange(min=50, max=320)])


class ProductForm(BaseForm):
    sku = StringField("SKU", validators=[DataRequired()])
    name = StringField("Name", validators=[DataRequired()])
    category = SelectField("Category", choices=[(c, c.title()) for c in
                                                ("bread", "viennoiserie", "cake", "savoury", "drink")])
    shelf_life_days = IntegerField("Shelf life (days)", default=1)
    vat_rate = SelectField("VAT", choices=[("zero", "Zero"), ("standard", "Standard"), ("reduced", "Reduced")])
    retail_price = DecimalStringField("Retail price")
    wholesale_price = DecimalStringField("Wholesale price")
    sold_retail = BooleanField("Sold in shops", default=True)
    sold_wholesale = BooleanField("Sold wholesale")


class IngredientForm(BaseForm):
    name = StringField("Name", validators=[DataRequired()])
    unit = SelectField("Unit", choices=[("g", "grams"), ("ml", "ml"), ("ea", "each")])
    category = StringField("Category", validators=[Optional()])
    reorder_level = FloatField("Reorder level", default=0)
    reorder_qty = FloatField("Reorder qty", default=0)
    preferred_supplier_id = SelectField("Preferred supplier", coerce=int, validators=[Optional()])


class SupplierForm(BaseForm):
    name = StringField("Name", validators=[DataRequired()])
    account_ref = StringField("Account ref", validators=[Optional()])
    contact_name = StringField("Contact", validators=[Optional()])
    phone = StringField("Phone", validators=[Optional(), phone_check])
    order_email = StringField("Order email", validators=[Optional(), Email()])
    lead_time_days = IntegerField("Lead time (days)", default=2)
    min_order_value = DecimalStringField("Minimum order")


class WholesaleCustomerForm(BaseForm):
    name = StringField("Business name", validators=[DataRequired()])
    account_code = StringField("Account code", validators=[Optional()])
    contact_name = StringField("Contact", validators=[Optional()])
    email = StringField("Email", validators=[Optional(), Email()])
    phone = StringField("Phone", validators=[Optional(), phone_check])
    delivery_address = TextAreaField("Delivery address", validators=[DataRequired()])
    postcode = StringField("Postcode", validators=[DataRequired(), postcode_check])
    delivery_days = StringField("Delivery days", default="mon,tue,wed,thu,fri,sat")
    payment_terms_days = IntegerField("Terms (days)", default=30)
    credit_limit = DecimalStringField("Credit limit")
    discount_pct = DecimalField("Discount %", places=2, validators=[Optional()])


class WholesaleOrderForm(BaseForm):
    customer_id = SelectField("Customer", coerce=int)
    delivery_date = DateField("Delivery date", validators=[DataRequired()])
    notes = TextAreaField("Notes", validators=[Optional()])


class EmployeeForm(BaseForm):
    first_name = StringField("First name", validators=[DataRequired()])
    last_name = StringField("Last name", validators=[DataRequired()])
    email = StringField("Email", validators=[Optional(), Email()])
    mobile = StringField("Mobile", validators=[Optional(), phone_check])
    job_title = StringField("Job title")
    home_shop_id = SelectField("Home shop", coerce=int)
    hourly_rate = DecimalStringField("Hourly rate")
    contracted_hours = FloatField("Contracted hours", default=0)
    start_date = DateField("Start date", validators=[Optional()])
    food_hygiene_cert_expires = DateField("Food hygiene cert expires", validators=[Optional()])


class ShiftForm(BaseForm):
    employee_id = SelectField("Employee", coerce=int)
    shop_id = SelectField("Shop", coerce=int)
    shift_date = DateField("Date", validators=[DataRequired()])
    start_time = TimeField("Start", validators=[DataRequired()])
    end_time = TimeField("End", validators=[DataRequired()])
    role = SelectField("Role", choices=[("counter", "Counter"), ("bake", "Bake"),
                                        ("drive", "Drive"), ("cleaning", "Cleaning")])


class LeaveRequestForm(BaseForm):
    start_date = DateField("From", validators=[DataRequired()])
    end_date = DateField("To", validators=[DataRequired()])
    kind = SelectField("Type", choices=[("holiday", "Holiday"), ("sick", "Sick"), ("unpaid", "Unpaid")])

    def validate_end_date(self, field):
        if self.start_date.data and field.data and field.data < self.start_date.data:
            raise ValidationError("End date is before start date")


class WasteForm(BaseForm):
    product_id = SelectField("Product", coerce=int)
    quantity = IntegerField("Quantity", validators=[DataRequired(), NumberRange(min=1)])
    reason = SelectField("Reason", choices=[(r, r.title()) for r in
                                            ("unsold", "damaged", "quality", "expired", "dropped")])


class TemperatureForm(BaseForm):
    # old manual temp log form (temp_logs). HACCP screens use their own form.
    unit_name = StringField("Fridge / unit", validators=[DataRequired()])
    reading_c = FloatField("Reading C", validators=[DataRequired()])
    corrective_action = TextAreaField("Corrective action", validators=[Optional()])
