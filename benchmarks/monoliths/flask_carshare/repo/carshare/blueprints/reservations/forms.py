from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, ValidationError

from carshare.lib.dates import parse_datetime


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    zone_id = SelectField("Where", coerce=int, validators=[DataRequired()])
    starts_at = StringField("From", validators=[DataRequired()])
    ends_at = StringField("Until", validators=[DataRequired()])
    category = SelectField("Car type", choices=[("", "Any"), ("small", "Small"), ("medium", "Medium"),
                                                ("van", "Van"), ("premium", "Premium")])

    def validate_ends_at(self, field):
        s, e = parse_datetime(self.starts_at.data), parse_datetime(field.data)
        if s and e and e <= s:
            raise ValidationError("Return time must be after pick-up")


class BookForm(FlaskForm):
    vehicle_id = HiddenField(validators=[DataRequired()])
    starts_at = HiddenField(validators=[DataRequired()])
    ends_at = HiddenField(validators=[DataRequired()])


class ExtendForm(FlaskForm):
    new_ends_at = StringField("New return time", validators=[DataRequired()])


class WaitlistForm(FlaskForm):
    zone_id = HiddenField(validators=[DataRequired()])
    starts_at = HiddenField(validators=[DataRequired()])
    ends_at = HiddenField(validators=[DataRequired()])
    category = HiddenField()
