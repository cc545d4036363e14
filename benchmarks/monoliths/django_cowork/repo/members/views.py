import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.decorators import member_required
from common.pagination import paginate_queryset
from core.models import Location
from members import bookings, services
from members.forms import InviteForm, PlanChangeForm, ProfileForm, RoomBookingForm, SignupForm
from members.models import Company, MeetingRoom, MemberProfile, Membership, RoomBooking


def signup(request, location_code):
    location = get_object_or_404(Location, code=location_code, active=True)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        company = None
        if d["company_name"]:
            company, _ = Company.objects.get_or_create(name=d["company_name"].strip())
        member = services.create_member(d["email"], d["first_name"], d["last_name"],
                                        company=company, location=location, phone=d["phone"])
        services.onboard_member(member, d["plan"], location, d["start_date"], d["discount_code"])
        return redirect("members:signup_done")
    return render(request, "members/signup.html", {"form": form, "location": location})


@member_required
def member_home(request):
    member = request.user.member
    upcoming = RoomBooking.objects.filter(member=member, start__gte=timezone.now(),
                                          status=RoomBooking.CONFIRMED)[:5]
    return render(request, "members/home.html", {
        "member": member,
        "memberships": member.memberships.select_related("plan", "location"),
        "upcoming": upcoming,
        "hours_left": bookings.monthly_included_hours(member) - bookings.used_hours_this_month(member),
    })


@member_required
def change_plan(request, pk):
    membership = get_object_or_404(Membership, pk=pk, member=request.user.member)
    form = PlanChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_plan(membership, form.cleaned_data["plan"], form.cleaned_data["effective_date"],
                             user=request.user)
        messages.success(request, "Your plan change has been scheduled.")
        return redirect("members:home")
    return render(request, "members/change_plan.html", {"form": form, "membership": membership})


@member_required
@require_POST
def cancel_membership(request, pk):
    membership = get_object_or_404(Membership, pk=pk, member=request.user.member)
    services.cancel_membership(membership)
    messages.info(request, "Sorry to see you go. Your membership ends on %s." % membership.end_date)
    return redirect("members:home")


@member_required
def invite_teammate(request):
    admin = request.user.member
    if not admin.is_company_admin:
        messages.error(request, "Only company admins can invite people")
        return redirect("members:home")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        new = services.create_member(d["email"], d["first_name"], d["last_name"],
                                     company=admin.company, location=admin.home_location)
        services.onboard_member(new, d["plan"], admin.home_location)
        messages.success(request, "%s has been invited" % new.full_name)
        return redirect("members:home")
    return render(request, "members/invite.html", {"form": form})


# ---- rooms ----

@member_required
def room_list(request):
    location = request.location or request.user.member.home_location
    rooms = MeetingRoom.objects.filter(location=location, active=True).order_by("capacity")
    return render(request, "members/rooms.html", {"rooms": rooms, "location": location})


@member_required
def book_room(request):
    form = RoomBookingForm(request.POST or None, initial={"room": request.GET.get("room")})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        tz = timezone.get_current_timezone()
        start = timezone.make_aware(datetime.datetime.combine(d["date"], d["start_time"]), tz)
        end = timezone.make_aware(datetime.datetime.combine(d["date"], d["end_time"]), tz)
        try:
            booking = bookings.create_room_booking(request.user.member, d["room"], start, end, d["title"])
        except ValidationError as e:
            for msg in e.messages:
                form.add_error(None, msg)
        else:
            messages.success(request, "Booked %s" % booking.room.name)
            return redirect("members:my_bookings")
    return render(request, "members/book_room.html", {"form": form})


@member_required
@require_POST
def cancel_room_booking(request, pk):
    booking = get_object_or_404(RoomBooking, pk=pk, member=request.user.member)
    bookings.cancel_room_booking(booking)
    return redirect("members:my_bookings")


@member_required
def my_bookings(request):
    qs = RoomBooking.objects.filter(member=request.user.member).exclude(status=RoomBooking.CANCELLED) \
        .select_related("room").order_by("-start")
    return render(request, "members/my_bookings.html", {"page": paginate_queryset(request, qs)})


def room_calendar_json(request, room_id):
    start = request.GET.get("start")
    end = request.GET.get("end")
    qs = RoomBooking.objects.filter(room_id=room_id, status=RoomBooking.CONFIRMED)
    if start and end:
        qs = qs.filter(start__gte=start, end__lte=end)
    events = [{"id": b.pk, "start": b.start.isoformat(), "end": b.end.isoformat(),
               "title": "Busy" if not request.user.is_staff else (b.title or str(b.member))} for b in qs]
    return JsonResponse(events, safe=False)


# ---- profile / directory ----

@member_required
def edit_profile(request):
    profile, _ = MemberProfile.objects.get_or_create(member=request.user.member)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Profile saved")
        return redirect("members:profile", pk=request.user.member.pk)
    return render(request, "members/edit_profile.html", {"form": form})


@member_required
def directory(request):
    q = request.GET.get("q", "").strip()
    profiles = MemberProfile.objects.filter(visible_in_directory=True, member__suspended=False) \
        .select_related("member", "member__company")
    if q:
        profiles = profiles.filter(Q(member__first_name__icontains=q) | Q(member__last_name__icontains=q)
                                   | Q(headline__icontains=q) | Q(skills__icontains=q)
                                   | Q(member__company__name__icontains=q)).distinct()
    return render(request, "members/directory.html", {"page": paginate_queryset(request, profiles, 30), "q": q})


@member_required
def profile_detail(request, pk):
    profile = get_object_or_404(MemberProfile, member_id=pk)
    if not profile.visible_in_directory and profile.member_id != request.user.member.pk:
        return redirect("members:directory")
    return render(request, "members/profile.html", {"profile": profile})
