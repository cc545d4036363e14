from django import forms

from attendance.models import STATUSES, AbsenceCode


class RegisterForm(forms.Form):
    """One status/code pair per student on the roster, built at runtime."""

    def __init__(self, students, *args, **kwargs):
        initial = kwargs.pop("existing", {})
        super(RegisterForm, self).__init__(*args, **kwargs)
        self.students = students
        codes = AbsenceCode.objects.filter(active=True)
        for student in students:
            current = initial.get(student.id)
            self.fields["status_%d" % student.id] = forms.ChoiceField(
                choices=[c for c in STATUSES if c[0] != "N"], initial=current.status if current else "P")
            self.fields["code_%d" % student.id] = forms.ModelChoiceField(
                queryset=codes, required=False, initial=current.code_id if current else None)
            self.fields["late_%d" % student.id] = forms.IntegerField(
                required=False, min_value=0, initial=current.minutes_late if current else None)

    def marks(self):
        return dict((s.id, (self.cleaned_data["status_%d" % s.id], self.cleaned_data.get("code_%d" % s.id),
                            self.cleaned_data.get("late_%d" % s.id))) for s in self.students)
