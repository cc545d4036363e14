import datetime as dt

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from carshare.lib.formatting import format_licence_number

DVLA_LEN = 16


class LoginForm(FlaskForm):
    email = StringField("Email", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired()])


class RegistrationForm(FlaskForm):
    email = StringField("Email", validators=[DataRequired(), Email()])
    password = PasswordField("Password", validators=[DataRequired(), Length(min=8)])
    first_name = StringField("First name", validators=[DataRequired(), Length(max=80)])
    last_name = StringField("Last name", validators=[DataRequired(), Length(max=80)])
    phone = StringField("Mobile", validators=[Optional(), Length(max=40)])
    date_of_birth = DateField("Date of birth", validators=[DataRequired()])
    home_zone_id = SelectField("Home zone", coerce=int, validators=[Optional()])
    accept_terms = BooleanField("I accept the terms", validators=[DataRequired()])
    marketing = BooleanField("Send me offers")


class ProfileForm(FlaskForm):
    first_name = StringField("First name", validators=[Length(max=80)])
    last_name = StringField("Last name", validators=[Length(max=80)])
    phone = StringField("Mobile", validators=[Optional(), Length(max=40)])
    home_zone_id = SelectField("Home zone", coerce=int, validators=[Optional()])


def validate_dvla_number(form, field):
    value = format_licence_number(field.data or "")
    if form.country.data == "GB" and len(value) != DVLA_LEN:
        raise ValidationError("UK licence numbers are 16 characters")


class LicenceForm(FlaskForm):
    licence_number = StringField("Licence number", validators=[DataRequired(), validate_dvla_number])
    country = SelectField("Issuing country", choices=[("GB", "United Kingdom"), ("IE", "Ireland"),
                                                       ("FR", "France"), ("DE", "Germany"), ("ES", "Spain")])
    category = StringField("Category", default="B")
    issued_on = DateField("Issued on", validators=[Optional()])
    expires_on = DateField("Expires on", validators=[DataRequired()])

    def validate_expires_on(self, field):
        if field.data and field.data < dt.date.today():
            raise ValidationError("This licence has expired")
