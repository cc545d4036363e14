from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

CATEGORIES = [("general", "General question"), ("billing", "Billing / invoice"), ("booking", "My booking"),
              ("damage", "Damage or accident"), ("car", "Problem with the car"), ("account", "My account")]


class NewTicketForm(FlaskForm):
    subject = StringField("Subject", validators=[DataRequired(), Length(max=255)])
    category = SelectField("Topic", choices=CATEGORIES)
    body = TextAreaField("How can we help?", validators=[DataRequired(), Length(max=5000)])
    reservation_id = IntegerField("Booking number", validators=[Optional()])
    invoice_id = IntegerField("Invoice number", validators=[Optional()])


class ReplyForm(FlaskForm):
    body = TextAreaField("Reply", validators=[DataRequired(), Length(max=5000)])
    internal = BooleanField("Internal note")
    close_after = BooleanField("Resolve after sending")
