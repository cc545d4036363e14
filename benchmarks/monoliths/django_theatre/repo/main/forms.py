from decimal import Decimal

from django import forms
from django.utils import timezone

from backoffice.models import Seat
from core.forms import BootstrapFormMixin
from core.models import Patron, Performance
from main.models import MembershipTier, PriceBand, Ticket


class SeatHoldForm(forms.Form):
    seat_ids = forms.CharField(required=False)
    price_band = forms.ModelChoiceField(queryset=PriceBand.objects.none())
    best_available = forms.BooleanField(required=False)
    quantity = forms.IntegerField(min_value=1, max_value=12, required=False)
    section = forms.CharField(required=False)

    def __init__(self, *args, **kwargs):
        self.performance = kwargs.pop("performance")
        super().__init__(*args, **kwargs)
        self.fields["price_band"].queryset = self.performance.price_bands.all()

    def clean_seat_ids(self):
        raw = self.cleaned_data.get("seat_ids") or ""
        try:
            return [int(x) for x in raw.split(",") if x.strip()]
        except ValueError:
            raise forms.ValidationError("Bad seat list")

    def clean(self):
        data = super().clean()
        if not data.get("seat_ids") and not data.get("best_available"):
            raise forms.ValidationError("Pick some seats")
        if data.get("best_available") and not data.get("quantity"):
            raise forms.ValidationError("How many seats?")
        return data


class PriceBandForm(BootstrapFormMixin, forms.ModelForm):
    class Meta:
        model = PriceBand
        fields = ["name", "section", "price", "concession_price", "under_26_price", "is_member_only", "sort_order"]

    def clean(self):
        data = super().clean()
        conc = data.get("concession_price")
        if conc is not None and data.get("price") is not None and conc > data["price"]:
            raise forms.ValidationError("Concession can't be more than full price")
        return data


class BoxOfficeSaleForm(BootstrapFormMixin, forms.Form):
    PAYMENT_METHODS = (("cash", "Cash"), ("card_present", "Card"), ("cheque", "Cheque"), ("voucher", "Voucher"), ("credit", "Account credit"))

    performance = forms.ModelChoiceField(queryset=Performance.objects.none())
    price_band = forms.ModelChoiceField(queryset=PriceBand.objects.all())
    seats = forms.ModelMultipleChoiceField(queryset=Seat.objects.all(), required=False)
    quantity = forms.IntegerField(min_value=1, max_value=20, initial=1)
    concession = forms.ChoiceField(choices=Ticket.CONCESSIONS, initial="full")
    patron = forms.ModelChoiceField(queryset=Patron.objects.filter(merged_into__isnull=True), required=False)
    donation = forms.DecimalField(required=False, min_value=Decimal("0.01"), decimal_places=2)
    payment_method = forms.ChoiceField(choices=PAYMENT_METHODS)
    card_last4 = forms.CharField(required=False, max_length=4)
    print_now = forms.BooleanField(required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["performance"].queryset = Performance.objects.filter(
            starts_at__gte=timezone.now() - timezone.timedelta(hours=3)
        ).exclude(status=Performance.CANCELLED)

    def clean(self):
        data = super().clean()
        perf, band = data.get("performance"), data.get("price_band")
        if perf and band and band.performance_id != perf.pk:
            raise forms.ValidationError("That price band isn't for this performance")
        if data.get("concession") == "comp" and data.get("payment_method") != "credit":
            # comps go through as zero value, method is irrelevant but finance want 'credit'
            data["payment_method"] = "credit"
        return data


class RefundForm(BootstrapFormMixin, forms.Form):
    tickets = forms.ModelMultipleChoiceField(queryset=Ticket.objects.none(), widget=forms.CheckboxSelectMultiple)
    amount = forms.DecimalField(required=False, decimal_places=2, help_text="Leave blank to refund ticket prices")
    reason = forms.CharField(max_length=200)
    to_credit = forms.BooleanField(required=False, label="Refund to account credit")

    def __init__(self, *args, **kwargs):
        self.order = kwargs.pop("order")
        super().__init__(*args, **kwargs)
        self.fields["tickets"].queryset = self.order.tickets.filter(status__in=Ticket.LIVE_STATUSES)

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount > self.order.amount_paid():
            raise forms.ValidationError("More than was paid")
        return amount


class TicketScanForm(forms.Form):
    performance = forms.ModelChoiceField(queryset=Performance.objects.exclude(status=Performance.CANCELLED))
    barcode = forms.CharField(max_length=32)

    def clean_barcode(self):
        return self.cleaned_data["barcode"].strip().replace(" ", "")


class ExchangeForm(BootstrapFormMixin, forms.Form):
    performance = forms.ModelChoiceField(queryset=Performance.objects.none())
    seat = forms.ModelChoiceField(queryset=Seat.objects.all(), required=False)

    def __init__(self, *args, **kwargs):
        self.ticket = kwargs.pop("ticket")
        super().__init__(*args, **kwargs)
        self.fields["performance"].queryset = Performance.objects.filter(
            production=self.ticket.performance.production, starts_at__gte=timezone.now()
        ).exclude(pk=self.ticket.performance_id)

    def clean(self):
        data = super().clean()
        if self.ticket.performance.starts_at < timezone.now() + timezone.timedelta(hours=24):
            raise forms.ValidationError("Exchanges close 24 hours before the performance")
        return data


class MembershipSignupForm(BootstrapFormMixin, forms.Form):
    tier = forms.ModelChoiceField(queryset=MembershipTier.objects.filter(is_active=True))
    title = forms.ChoiceField(choices=Patron.TITLE_CHOICES, required=False)
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField()
    joint = forms.BooleanField(required=False)
    auto_renew = forms.BooleanField(required=False)
    gift_from = forms.ModelChoiceField(queryset=Patron.objects.all(), required=False, widget=forms.HiddenInput)

    def save_patron(self):
        data = self.cleaned_data
        patron = Patron.objects.filter(email__iexact=data["email"], merged_into__isnull=True).first()
        if patron is None:
            patron = Patron.objects.create(
                title=data.get("title", ""), first_name=data["first_name"], last_name=data["last_name"], email=data["email"]
            )
        return patron


class MembershipRenewForm(BootstrapFormMixin, forms.Form):
    tier = forms.ModelChoiceField(queryset=MembershipTier.objects.filter(is_active=True), required=False)
    confirm = forms.BooleanField()

    def __init__(self, *args, **kwargs):
        self.membership = kwargs.pop("membership")
        super().__init__(*args, **kwargs)
        self.fields["tier"].initial = self.membership.tier_id

    def clean(self):
        data = super().clean()
        if self.membership.status == "cancelled":
            raise forms.ValidationError("This membership was cancelled, please join again")
        if self.membership.days_to_expiry() > 60:
            raise forms.ValidationError("Renewals open 60 days before expiry")
        return data
