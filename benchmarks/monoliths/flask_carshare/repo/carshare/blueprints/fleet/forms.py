from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from carshare.lib.formatting import normalise_plate


class VehicleForm(FlaskForm):
    model_id = SelectField("Model", coerce=int, validators=[DataRequired()])
    plate = StringField("Plate", validators=[DataRequired(), Length(max=12)], filters=[normalise_plate])
    vin = StringField("VIN", validators=[Optional(), Regexp(r"^[A-HJ-NPR-Z0-9]{17}$", message="bad VIN")])
    colour = StringField("Colour", validators=[Optional()])
    home_zone_id = SelectField("Home zone", coerce=int)
    telematics_unit_id = StringField("Telematics unit", validators=[Optional()])
    commissioned_on = DateField("In service from", validators=[Optional()])


class MaintenanceForm(FlaskForm):
    job_type = SelectField("Type", choices=[("service", "Service"), ("tyres", "Tyres"), ("repair", "Repair"),
                                            ("valet", "Valet"), ("mot", "MOT")])
    scheduled_for = StringField("When", validators=[DataRequired()])
    garage = StringField("Garage (email)", validators=[Optional()])
    notes = TextAreaField("Notes", validators=[Optional()])


class CompleteJobForm(FlaskForm):
    cost_pounds = IntegerField("Cost (GBP)", validators=[Optional(), NumberRange(min=0)])
    notes = TextAreaField("Notes", validators=[Optional()])


class InspectionForm(FlaskForm):
    inspector = StringField("Inspector", validators=[DataRequired()])
    result = SelectField("Result", choices=[("pass", "Pass"), ("advisory", "Advisory"), ("fail", "Fail")])
    tyres_ok = SelectField("Tyres", choices=[("y", "OK"), ("n", "Not OK")])
    lights_ok = SelectField("Lights", choices=[("y", "OK"), ("n", "Not OK")])
    interior_ok = SelectField("Interior", choices=[("y", "OK"), ("n", "Not OK")])
    mot_expires_on = DateField("MOT expires", validators=[Optional()])
