from django import forms

from gradebook.models import Assignment, Category


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["title", "category", "term", "due_date", "max_points", "published", "extra_credit"]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, section, *args, **kwargs):
        super(AssignmentForm, self).__init__(*args, **kwargs)
        self.section = section
        self.fields["category"].queryset = Category.objects.filter(section=section)
        self.fields["term"].queryset = section.term.school.terms.filter(
            is_grading_period=True, start_date__lte=section.term.end_date, end_date__gte=section.term.start_date)

    def clean(self):
        data = super(AssignmentForm, self).clean()
        term = data.get("term")
        if term and term.grades_locked:
            raise forms.ValidationError("%s is locked for grading" % term)
        return data


class ScoreEntryForm(forms.Form):
    def __init__(self, assignment, students, *args, **kwargs):
        existing = kwargs.pop("existing", {})
        super(ScoreEntryForm, self).__init__(*args, **kwargs)
        self.assignment = assignment
        self.students = students
        for student in students:
            score = existing.get(student.id)
            self.fields["pts_%d" % student.id] = forms.DecimalField(
                required=False, min_value=0, max_digits=6, decimal_places=2,
                initial=score.points if score else None)
            self.fields["flag_%d" % student.id] = forms.ChoiceField(
                required=False, choices=(("", ""), ("missing", "Missing"), ("excused", "Excused"), ("late", "Late")),
                initial=("missing" if score and score.missing else "excused" if score and score.excused else ""))

    def clean(self):
        data = super(ScoreEntryForm, self).clean()
        limit = self.assignment.max_points * 2
        for student in self.students:
            pts = data.get("pts_%d" % student.id)
            if pts is not None and pts > limit:
                self.add_error("pts_%d" % student.id, "More than double the max points?")
        return data
