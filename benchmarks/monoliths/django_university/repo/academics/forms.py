from django import forms

from academics.models import MaintenanceRequest, ResidenceHall, Room, RoomAssignment, Section, Term


class CourseSearchForm(forms.Form):
    q = forms.CharField(required=False, label='Code or title')
    term = forms.ModelChoiceField(queryset=Term.objects.all(), required=False)
    level = forms.TypedChoiceField(choices=[('', 'Any')] + [(i, i) for i in range(1, 5)],
                                   coerce=int, required=False, empty_value=None)
    department = forms.CharField(required=False)
    open_only = forms.BooleanField(required=False, initial=True)


class EnrolForm(forms.Form):
    section = forms.ModelChoiceField(queryset=Section.objects.none(), widget=forms.HiddenInput)
    agree_fees = forms.BooleanField(label='I understand tuition is charged per credit')

    def __init__(self, *args, **kwargs):
        term = kwargs.pop('term', None)
        super(EnrolForm, self).__init__(*args, **kwargs)
        qs = Section.objects.filter(is_cancelled=False)
        if term is not None:
            qs = qs.filter(term=term)
        self.fields['section'].queryset = qs


class DropForm(forms.Form):
    reason = forms.CharField(max_length=255, required=False)
    confirm = forms.BooleanField()


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ('course', 'term', 'number', 'capacity', 'waitlist_capacity', 'room', 'lead_instructor')


class RoomAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoomAssignment
        fields = ('room', 'student', 'term', 'moved_in_on')

    def __init__(self, *args, **kwargs):
        super(RoomAssignmentForm, self).__init__(*args, **kwargs)
        self.fields['room'].queryset = Room.objects.filter(out_of_service=False).select_related('hall')

    def clean(self):
        data = super(RoomAssignmentForm, self).clean()
        room, term = data.get('room'), data.get('term')
        if room and term and not room.has_space(term):
            raise forms.ValidationError('That room is full for the selected term.')
        return data


class MaintenanceRequestForm(forms.ModelForm):
    class Meta:
        model = MaintenanceRequest
        fields = ('description', 'priority')
        widgets = {'description': forms.Textarea(attrs={'rows': 4})}


class MaintenanceCloseForm(forms.Form):
    notes = forms.CharField(widget=forms.Textarea, required=False)
    recharge_amount = forms.DecimalField(max_digits=8, decimal_places=2, required=False,
                                         help_text='Leave blank unless the student caused damage')


class HallFilterForm(forms.Form):
    hall = forms.ModelChoiceField(queryset=ResidenceHall.objects.filter(is_active=True), required=False)
    room_type = forms.ChoiceField(choices=(('', 'Any'),) + Room.ROOM_TYPES, required=False)
