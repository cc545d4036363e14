"""WTForms for every screen. Alphabetical-ish."""
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DecimalField, IntegerField, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import Email, NumberRange, Optional, Length, DataRequired, ValidationError

from festival.helpers import valid_uk_postcode


class StrippedForm(FlaskForm):
    """Strips whitespace from all string fields."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            filters.append(lambda x: x.strip() if isinstance(x, str) else x)
            return unbound_field.bind(form=form, filters=filters, **options)


class ArtistForm(StrippedForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    genre = StringField("Genre", validators=[Optional()])
    country = StringField("Country (ISO)", validators=[Optional(), Length(min=2, max=2)])
    agent_id = SelectField("Agent", coerce=int, validators=[Optional()])
    spotify_id = StringField("Spotify ID", validators=[Optional()])
    is_headliner = BooleanField("Headliner")
    bio = TextAreaField("Bio", validators=[Optional()])


class BookingOfferForm(StrippedForm):
    fee = DecimalField("Fee", places=2, validators=[DataRequired(), NumberRange(min=0)])
    currency = SelectField("Currency", choices=[("GBP", "GBP"), ("EUR", "EUR"), ("USD", "USD")])
    set_length_mins = IntegerField("Set length (mins)", default=60)
    preferred_day = SelectField("Preferred day", choices=[("", "-"), ("fri", "Fri"),
                                                          ("sat", "Sat"), ("sun", "Sun")])
    exclusivity_radius_km = IntegerField("Radius clause (km)", default=0)
    exclusivity_days = IntegerField("Radius clause (days)", default=0)


class PerformanceSlotForm(StrippedForm):
    stage_id = SelectField("Stage", coerce=int)
    day_id = SelectField("Day", coerce=int)
    booking_id = IntegerField("Booking", validators=[Optional()])
    placeholder_name = StringField("Placeholder", validators=[Optional()])
    start = StringField("Start (HH:MM)", validators=[DataRequired()])
    length_mins = IntegerField("Length", default=60)
    is_secret_set = BooleanField("Secret set")


class TicketTypeForm(StrippedForm):
    name = StringField("Name", validators=[DataRequired()])
    code = StringField("Code", validators=[DataRequired(), Length(max=20)])
    price = DecimalField("Price", places=2)
    tier = IntegerField("Tier", default=1)
    quota = IntegerField("Quota")
    includes_camping = BooleanField("Includes camping")
    wristband_colour = StringField("Wristband colour", default="green")


class CheckoutForm(StrippedForm):
    ticket_type_id = IntegerField(validators=[DataRequired()])
    quantity = IntegerField(default=1, validators=[NumberRange(min=1, max=8)])
    buyer_name = StringField("Name", validators=[DataRequired()])
    buyer_email = StringField("Email", validators=[DataRequired(), Email()])
    buyer_postcode = StringField("Postcode", validators=[DataRequired()])
    promo_code = StringField("Promo code", validators=[Optional()])
    instalments = BooleanField("Pay in 3")

    def validate_buyer_postcode(self, field):
        if not valid_uk_postcode(field.data):
            raise ValidationError("Please enter a UK postcode")


class VendorApplicationForm(StrippedForm):
    name = StringField("Business name", validators=[DataRequired()])
    contact_name = StringField("Contact", validators=[DataRequired()])
    contact_email = StringField("Email", validators=[DataRequired(), Email()])
    category = SelectField("Category", choices=[("food", "Food"), ("bar", "Bar"),
                                                ("merch", "Merch"), ("market", "Market"),
                                                ("charity", "Charity")])
    menu = TextAreaField("Menu / products")
    pitch_preference = StringField("Preferred zone", validators=[Optional()])
    needs_power_amps = IntegerField("Power (amps)", default=0)
    vat_number = StringField("VAT number", validators=[Optional()])


class VolunteerSignupForm(StrippedForm):
    first_name = StringField("First name", validators=[DataRequired()])
    last_name = StringField("Last name", validators=[DataRequired()])
    email = StringField("Email", validators=[DataRequired(), Email()])
    phone = StringField("Phone", validators=[DataRequired()])
    dob = DateField("Date of birth", validators=[DataRequired()])
    team_id = SelectField("Preferred team", coerce=int)
    tshirt_size = SelectField("T-shirt", choices=[(s, s) for s in ("XS", "S", "M", "L", "XL", "XXL")])
    emergency_contact = StringField("Emergency contact", validators=[DataRequired()])


class ShiftSlotForm(StrippedForm):
    team_id = SelectField("Team", coerce=int)
    stage_id = SelectField("Stage (optional)", coerce=int, validators=[Optional()])
    location = StringField("Location")
    role = StringField("Role")
    day_id = SelectField("Day", coerce=int)
    start = StringField("Start (HH:MM)")
    hours = IntegerField("Hours", default=4)
    capacity = IntegerField("Capacity", default=1)


class CampingBookingForm(StrippedForm):
    email = StringField("Email", validators=[DataRequired(), Email()])
    ticket_barcode = StringField("Ticket barcode", validators=[DataRequired()])
    campsite_id = SelectField("Campsite", coerce=int)
    nights = IntegerField("Nights", default=3, validators=[NumberRange(min=1, max=5)])
    people = IntegerField("People", default=1)
    glamping_kind = SelectField("Glamping", choices=[("", "No thanks"), ("bell_tent", "Bell tent"),
                                                     ("yurt", "Yurt"), ("pod", "Pod")])
    vehicle_reg = StringField("Campervan reg", validators=[Optional()])


class IncidentForm(StrippedForm):
    location = StringField("Location", validators=[DataRequired()])
    category = SelectField("Category", choices=[(c, c) for c in (
        "theft", "medical", "assault", "drugs", "lost_child", "crowd", "weapon", "other")])
    severity = SelectField("Severity", choices=[(s, s) for s in ("low", "medium", "high", "critical")])
    description = TextAreaField("Description", validators=[DataRequired()])
    reported_by = StringField("Reported by")
    stage_id = IntegerField("Stage", validators=[Optional()])
    rfid_uid = StringField("Wristband UID", validators=[Optional()])
