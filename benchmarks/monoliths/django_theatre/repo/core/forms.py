from django import forms
from django.utils import timezone

from core.models import ContactPreference, Patron, PatronAddress, Performance, Production, VolunteerTraining
from core.utils import normalise_phone, normalise_postcode, parse_date_loose


class BootstrapFormMixin(object):
    """Adds form-control classes so the crispy-less templates look OK."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple, forms.RadioSelect)):
                continue
            css = widget.attrs.get("class", "")
            widget.attrs["class"] = (css + " form-control").strip()
            if field.required:
                widget.attrs.setdefault("required", "required")


class LooseDateField(forms.CharField):
    """Box office staff type dates every which way."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        parsed = parse_date_loose(value)
        if parsed is None:
            raise forms.ValidationError("Couldn't understand that date")
        return parsed


class ProductionForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Production
        fields = [
            "season",
            "title",
            "company",
            "running_time_minutes",
            "interval",
            "age_guidance",
            "content_warnings",
            "synopsis",
            "status",
            "hero_image",
            "on_sale_date",
            "members_on_sale_date",
        ]

    def clean(self):
        data = super().clean()
        public, members = data.get("on_sale_date"), data.get("members_on_sale_date")
        if public and members and members > public:
            raise forms.ValidationError("Members' on-sale must be before public on-sale")
        return data


class PerformanceForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Performance
        fields = [
            "production",
            "auditorium",
            "seating_plan",
            "starts_at",
            "doors_open",
            "status",
            "is_relaxed",
            "is_captioned",
            "is_bsl",
            "is_audio_described",
            "capacity_override",
            "notes",
        ]

    def clean(self):
        data = super().clean()
        starts, doors = data.get("starts_at"), data.get("doors_open")
        if starts and doors and doors > starts:
            raise forms.ValidationError("Doors can't open after curtain up")
        auditorium, plan = data.get("auditorium"), data.get("seating_plan")
        if plan and auditorium and plan.auditorium_id != auditorium.pk:
            raise forms.ValidationError("That seating plan belongs to a different auditorium")
        if starts and auditorium:
            clash = Performance.objects.filter(
                auditorium=auditorium,
                starts_at__range=(starts - timezone.timedelta(hours=3), starts + timezone.timedelta(hours=3)),
            ).exclude(status=Performance.CANCELLED)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError("Clashes with %s" % clash.first())
        return data


class PatronForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = Patron
        fields = ["title", "first_name", "last_name", "email", "phone", "is_company", "company_name", "access_requirements", "notes"]

    def clean_phone(self):
        return normalise_phone(self.cleaned_data.get("phone"))

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if email:
            dupes = Patron.objects.filter(email__iexact=email, merged_into__isnull=True)
            if self.instance.pk:
                dupes = dupes.exclude(pk=self.instance.pk)
            if dupes.exists():
                raise forms.ValidationError("Another patron has this email (%s) - merge them?" % dupes.first().pk)
        return email


class PatronAddressForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PatronAddress
        fields = ["line1", "line2", "town", "county", "postcode", "country", "is_primary"]

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data.get("postcode"))


class PatronSearchForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(required=False, label="Name, email, phone or postcode")
    include_merged = forms.BooleanField(required=False)


class ContactPreferenceForm(forms.Form):
    email_news = forms.BooleanField(required=False, label="Email me news and offers")
    email_members = forms.BooleanField(required=False, label="Members' emails")
    post = forms.BooleanField(required=False, label="Brochures by post")
    phone = forms.BooleanField(required=False)
    sms = forms.BooleanField(required=False)

    @classmethod
    def initial_for(cls, patron):
        initial = {}
        for pref in ContactPreference.objects.filter(patron=patron).select_related("mailing_list"):
            if pref.channel == "email" and pref.mailing_list:
                key = "email_members" if pref.mailing_list.slug == "members" else "email_news"
                initial[key] = pref.opted_in
            elif pref.channel in ("post", "phone", "sms"):
                initial[pref.channel] = pref.opted_in
        return initial


class TrainingRecordForm(BootstrapFormMixin, forms.ModelForm):
    completed_on = LooseDateField()

    class Meta:
        model = VolunteerTraining
        fields = ["volunteer", "course", "completed_on", "expires_on", "certificate_ref"]
