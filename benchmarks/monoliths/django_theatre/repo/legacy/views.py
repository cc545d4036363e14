"""
Ported 1:1 from the PHP pages in 2019 (mailings.php, gifts.php, volunteer.php).
Function names match the old page names so the access log greps still work.
"""
import base64
import datetime
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core.models import ContactPreference, Patron
from core.utils import format_money, normalise_email, normalise_phone, uk_date
from legacy.helpers import dictfetchall, gift_aid_amount, has_valid_declaration, render_mailing
from legacy.models import Gift, GiftAidDeclaration, Mailing, MailingList, MailingRecipient, Volunteer, VolunteerAvailability

PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


class MailingForm(forms.ModelForm):
    class Meta:
        model = Mailing
        fields = ["subject", "mailing_list", "production", "body_html", "body_text", "scheduled_for"]


class GiftEntryForm(forms.ModelForm):
    donor_search = forms.CharField(required=False, label="Find donor (email or legacy id)")

    class Meta:
        model = Gift
        fields = ["donor", "amount", "received_on", "method", "campaign", "fund_code", "gift_aid_eligible", "anonymous", "notes"]
        widgets = {"donor": forms.HiddenInput}

    def clean(self):
        data = super().clean()
        if not data.get("donor") and data.get("donor_search"):
            q = data["donor_search"].strip()
            donor = Patron.objects.filter(email__iexact=q).first() or Patron.objects.filter(legacy_id=q).first()
            if donor is None:
                raise forms.ValidationError("No donor found for %s" % q)
            data["donor"] = donor
        if data.get("gift_aid_eligible") and data.get("donor") and not has_valid_declaration(data["donor"], data.get("received_on")):
            raise forms.ValidationError("Donor has no valid Gift Aid declaration for that date")
        return data


class VolunteerSignupForm(forms.ModelForm):
    weekdays = forms.MultipleChoiceField(choices=VolunteerAvailability.WEEKDAYS, widget=forms.CheckboxSelectMultiple)
    matinees = forms.BooleanField(required=False)

    class Meta:
        model = Volunteer
        fields = ["first_name", "last_name", "email", "phone", "emergency_contact"]


# --- mailings.php ------------------------------------------------------------


@staff_member_required
def mailing_list_index(request):
    lists = MailingList.objects.all()
    mailings = Mailing.objects.select_related("mailing_list").order_by("-id")[:50]
    return render(request, "legacy/mailings.html", {"lists": lists, "mailings": mailings})


@staff_member_required
def mailing_compose(request, pk=None):
    instance = get_object_or_404(Mailing, pk=pk) if pk else None
    if instance and instance.status not in ("draft", "scheduled"):
        messages.error(request, "Already sent - can't edit")
        return redirect("mailing-index")
    form = MailingForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        mailing = form.save(commit=False)
        mailing.created_by = mailing.created_by or request.user
        mailing.status = "scheduled" if mailing.scheduled_for else "draft"
        mailing.save()
        return redirect("mailing-preview", pk=mailing.pk)
    return render(request, "legacy/mailing_compose.html", {"form": form})


@staff_member_required
def mailing_preview(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    patron = Patron.objects.filter(user=request.user).first()
    html, text = render_mailing(mailing, patron)
    if request.GET.get("text"):
        return HttpResponse(text, content_type="text/plain")
    count = mailing.mailing_list.subscribers().count()
    return render(request, "legacy/mailing_preview.html", {"mailing": mailing, "html": html, "count": count})


@staff_member_required
def mailing_send_test(request, pk):
    mailing = get_object_or_404(Mailing, pk=pk)
    to = request.POST.get("to") or request.user.email
    html, text = render_mailing(mailing, Patron.objects.filter(user=request.user).first())
    msg = EmailMultiAlternatives("[TEST] " + mailing.subject, text, None, [to])
    msg.attach_alternative(html, "text/html")
    msg.send()
    messages.success(request, "Test sent to %s" % to)
    return redirect("mailing-preview", pk=pk)


def unsubscribe(request, token):
    recipient = get_object_or_404(MailingRecipient.objects.select_related("mailing__mailing_list"), token=token)
    if request.method == "POST":
        recipient.unsubscribed = True
        recipient.save(update_fields=["unsubscribed"])
        if recipient.patron_id:
            ContactPreference.objects.update_or_create(
                patron_id=recipient.patron_id,
                channel="email",
                mailing_list=recipient.mailing.mailing_list,
                defaults={"opted_in": False, "source": "unsubscribe", "changed_at": timezone.now()},
            )
        return render(request, "legacy/unsubscribed.html", {"list": recipient.mailing.mailing_list})
    return render(request, "legacy/unsubscribe_confirm.html", {"recipient": recipient})


def track_open(request, token):
    MailingRecipient.objects.filter(token=token, opened_at__isnull=True).update(opened_at=timezone.now())
    return HttpResponse(PIXEL_GIF, content_type="image/gif")


# --- gifts.php ----------------------------------------------------------------


@staff_member_required
def gift_entry(request):
    form = GiftEntryForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        gift = form.save(commit=False)
        gift.donor = form.cleaned_data["donor"]
        gift.entered_by = request.user.username
        gift.save()
        extra = ""
        if gift.gift_aid_eligible:
            extra = " (+%s gift aid)" % format_money(gift_aid_amount(gift.amount))
        messages.success(request, "Gift of %s recorded%s" % (format_money(gift.amount), extra))
        return redirect("gift-entry")
    return render(request, "legacy/gift_entry.html", {"form": form})


@staff_member_required
def gift_list(request):
    # straight port of the PHP query, do not "improve" - finance reconcile against it
    year = int(request.GET.get("year", timezone.localdate().year))
    sql = """
        SELECT g.id, g.date_received, g.amount, g.method, g.fund_code, g.gift_aid_eligible, g.claimed_in,
               g.acknowledged, p.first_name, p.last_name, c.code AS campaign
          FROM tbl_gifts g
          JOIN core_patron p ON p.id = g.donor_id
     LEFT JOIN backoffice_fundraisingcampaign c ON c.id = g.campaign_id
         WHERE EXTRACT(YEAR FROM g.date_received) = %s
      ORDER BY g.date_received DESC, g.id DESC
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [year])
        rows = dictfetchall(cursor)
    total = sum((r["amount"] for r in rows), Decimal("0"))
    ga = sum((gift_aid_amount(r["amount"]) for r in rows if r["gift_aid_eligible"]), Decimal("0"))
    return render(request, "legacy/gift_list.html", {"rows": rows, "year": year, "total": total, "gift_aid": ga})


@staff_member_required
def acknowledgement_letter(request, pk):
    gift = get_object_or_404(Gift.objects.select_related("donor", "campaign"), pk=pk)
    address = gift.donor.primary_address()
    if request.GET.get("mark"):
        gift.acknowledged = True
        gift.ack_sent_on = timezone.localdate()
        gift.save(update_fields=["acknowledged", "ack_sent_on"])
    return render(
        request,
        "legacy/ack_letter.html",
        {
            "gift": gift,
            "address": address.as_lines() if address else [],
            "date": uk_date(timezone.localdate(), with_day=False),
            "gift_aid": gift_aid_amount(gift.amount) if gift.gift_aid_eligible else None,
        },
    )


@staff_member_required
def giftaid_declaration(request, patron_id):
    patron = get_object_or_404(Patron, pk=patron_id)
    if request.method == "POST":
        if request.POST.get("revoke"):
            GiftAidDeclaration.objects.filter(patron=patron, revoked_on__isnull=True).update(revoked_on=timezone.localdate())
        else:
            GiftAidDeclaration.objects.create(
                patron=patron,
                declared_on=timezone.localdate(),
                covers_past_four_years=bool(request.POST.get("past")),
                source=request.POST.get("source", "phone"),
                scan=request.FILES.get("scan"),
            )
        return redirect("patron-detail", pk=patron.pk)
    decls = GiftAidDeclaration.objects.filter(patron=patron).order_by("-declared_on")
    return render(request, "legacy/giftaid.html", {"patron": patron, "declarations": decls})


# --- volunteer.php --------------------------------------------------------------


def volunteer_signup(request):
    form = VolunteerSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        vol = form.save(commit=False)
        vol.email = normalise_email(vol.email)
        vol.phone = normalise_phone(vol.phone)
        vol.started_on = timezone.localdate()
        vol.is_active = False  # FOH manager activates after induction
        vol.patron = Patron.objects.filter(email__iexact=vol.email, merged_into__isnull=True).first()
        vol.save()
        for wd in form.cleaned_data["weekdays"]:
            VolunteerAvailability.objects.create(
                volunteer=vol, weekday=int(wd), evening=True, matinee=form.cleaned_data["matinees"]
            )
        return render(request, "legacy/volunteer_thanks.html", {"volunteer": vol})
    return render(request, "legacy/volunteer_signup.html", {"form": form})


@staff_member_required
def volunteer_availability(request, pk):
    vol = get_object_or_404(Volunteer, pk=pk)
    if request.method == "POST":
        VolunteerAvailability.objects.filter(volunteer=vol).delete()
        for wd, _ in VolunteerAvailability.WEEKDAYS:
            if request.POST.get("eve_%d" % wd) or request.POST.get("mat_%d" % wd):
                VolunteerAvailability.objects.create(
                    volunteer=vol,
                    weekday=wd,
                    evening=bool(request.POST.get("eve_%d" % wd)),
                    matinee=bool(request.POST.get("mat_%d" % wd)),
                )
        messages.success(request, "Availability saved")
        return redirect("volunteer-availability", pk=pk)
    avail = {a.weekday: a for a in vol.availability.all()}
    return render(request, "legacy/volunteer_availability.html", {"volunteer": vol, "availability": avail})
