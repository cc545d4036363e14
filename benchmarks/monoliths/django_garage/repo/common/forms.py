import datetime

from django import forms
from django.utils import timezone

from common.models import Appointment, BayBlock, ServiceBay
from common.utils import estimate_job_minutes, normalise_reg, parse_date


class BootstrapFormMixin(object):
    """Adds form-control classes because crispy doesn't do it for the modals."""

    def __init__(self, *args, **kwargs):
        super(BootstrapFormMixin, self).__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = field.widget.attrs.get('class', '')
            if isinstance(field.widget, forms.CheckboxInput):
                continue
            field.widget.attrs['class'] = (css + ' form-control').strip()


class DateRangeForm(BootstrapFormMixin, forms.Form):
    date_from = forms.CharField(required=False)
    date_to = forms.CharField(required=False)

    def clean(self):
        data = super(DateRangeForm, self).clean()
        df = parse_date(data.get('date_from'))
        dt = parse_date(data.get('date_to'))
        if not dt:
            dt = timezone.localdate()
        if not df:
            df = dt - datetime.timedelta(days=30)
        if df > dt:
            raise forms.ValidationError('Start date is after end date')
        data['date_from'], data['date_to'] = df, dt
        return data


class QuickSearchForm(forms.Form):
    q = forms.CharField(max_length=80, required=False)

    def clean_q(self):
        return (self.cleaned_data.get('q') or '').strip()


class AppointmentForm(BootstrapFormMixin, forms.ModelForm):
    registration = forms.CharField(max_length=10, help_text='Number plate')
    date = forms.CharField()
    time = forms.TimeField(widget=forms.TimeInput(format='%H:%M'))

    class Meta:
        model = Appointment
        fields = ('service_code', 'bay', 'technician', 'customer_notes', 'courtesy_car', 'source')

    def clean_registration(self):
        return normalise_reg(self.cleaned_data['registration'])

    def clean(self):
        data = super(AppointmentForm, self).clean()
        d = parse_date(data.get('date'))
        if d is None:
            raise forms.ValidationError('Bad date')
        if d.weekday() == 6:
            raise forms.ValidationError('We are closed on Sundays')
        start = timezone.make_aware(datetime.datetime.combine(d, data['time']))
        minutes = estimate_job_minutes(data.get('service_code'))
        data['starts_at'] = start
        data['ends_at'] = start + datetime.timedelta(minutes=minutes)
        bay = data.get('bay')
        if bay is not None:
            clash = Appointment.objects.overlapping(bay, data['starts_at'], data['ends_at'])
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError('That bay is already booked at this time')
            blocked = BayBlock.objects.filter(bay=bay, starts_at__lt=data['ends_at'], ends_at__gt=data['starts_at'])
            if blocked.exists():
                raise forms.ValidationError('That bay is blocked: %s' % blocked.first().reason)
        return data


class RescheduleForm(BootstrapFormMixin, forms.Form):
    new_date = forms.CharField()
    new_time = forms.TimeField()
    bay = forms.ModelChoiceField(queryset=ServiceBay.objects.filter(is_active=True), required=False)
    notify_customer = forms.BooleanField(required=False, initial=True)


class BayBlockForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = BayBlock
        fields = ('bay', 'starts_at', 'ends_at', 'reason')

    def clean(self):
        data = super(BayBlockForm, self).clean()
        if data.get('starts_at') and data.get('ends_at') and data['ends_at'] <= data['starts_at']:
            raise forms.ValidationError('End must be after start')
        return data
