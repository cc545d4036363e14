from django import forms

from common.dates import today
from core.models import Guardian, Section, Student, StudentGuardian


class StudentForm(forms.ModelForm):
    class Meta:
        model = Student
        fields = ["state_id", "local_id", "first_name", "last_name", "preferred_name", "birth_date", "gender",
                  "grade_level", "school", "homeroom", "entry_date", "address_line1", "postcode",
                  "has_iep", "is_ell"]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"})}

    def clean_state_id(self):
        ssid = self.cleaned_data["state_id"].strip()
        if not ssid.isdigit() or len(ssid) != 10:
            raise forms.ValidationError("SSID must be 10 digits")
        return ssid

    def clean(self):
        data = super(StudentForm, self).clean()
        school, level = data.get("school"), data.get("grade_level")
        if school and level is not None and not school.serves_grade(level):
            raise forms.ValidationError("%s does not serve that grade" % school)
        return data


class GuardianForm(forms.ModelForm):
    relationship = forms.ChoiceField(choices=StudentGuardian.RELATIONSHIPS)
    is_primary = forms.BooleanField(required=False)
    has_custody = forms.BooleanField(required=False, initial=True)

    class Meta:
        model = Guardian
        fields = ["first_name", "last_name", "email", "mobile", "home_phone", "preferred_language", "receives_sms"]

    def clean(self):
        data = super(GuardianForm, self).clean()
        if not (data.get("mobile") or data.get("home_phone") or data.get("email")):
            raise forms.ValidationError("We need at least one way to reach this guardian")
        return data


class WithdrawForm(forms.Form):
    REASONS = (("moved", "Moved out of district"), ("private", "Private school"),
               ("homeschool", "Home school"), ("transfer", "Transfer to another district"), ("other", "Other"))

    exit_date = forms.DateField(initial=today)
    reason = forms.ChoiceField(choices=REASONS)


class StudentSearchForm(forms.Form):
    q = forms.CharField(required=False, label="Name or ID")
    grade_level = forms.IntegerField(required=False)
    include_inactive = forms.BooleanField(required=False)


class EnrolForm(forms.Form):
    section = forms.ModelChoiceField(queryset=Section.objects.none())
    enrolled_on = forms.DateField(initial=today)
    override_capacity = forms.BooleanField(required=False)

    def __init__(self, student, *args, **kwargs):
        super(EnrolForm, self).__init__(*args, **kwargs)
        self.student = student
        self.fields["section"].queryset = (Section.objects.filter(term__school=student.school,
                                                                  term__end_date__gte=today())
                                           .select_related("course", "term"))
