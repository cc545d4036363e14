from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from common.decorators import club_from_session, staff_only
from common.models import Booking, ClassSession, ClassType, NotificationLog, WaitlistEntry
from common.notify import notify
from common.utils import fmt_dt, local_now, parse_date, today, week_start
from core.helpers import class_credits_left


class BookingError(Exception):
    pass


def can_book(member, session):
    """Returns an error string or None."""
    if not session.bookable():
        return "This class has already started or was cancelled."
    if session.starts_at > timezone.now() + timedelta(days=settings.BOOKING_WINDOW_DAYS):
        return "Booking opens %d days before the class." % settings.BOOKING_WINDOW_DAYS
    if member.booking_banned_until and member.booking_banned_until >= today():
        return "Bookings suspended until %s (no-shows)." % member.booking_banned_until
    ms = member.current_membership()
    if ms is None or not ms.is_active():
        return "You need an active membership to book."
    if ms.plan.off_peak and session.class_type.premium:
        return "Premium classes aren't included in off-peak plans."
    if not ms.plan.all_clubs and session.studio.club_id != ms.club_id:
        return "Your plan only covers %s." % ms.club
    credits = class_credits_left(member)
    if credits is not None and credits <= 0:
        return "No class credits left this month."
    return None


@transaction.atomic
def book_member(member, session, source="web"):
    session = ClassSession.objects.select_for_update().get(pk=session.pk)
    problem = can_book(member, session)
    if problem:
        raise BookingError(problem)
    existing = Booking.objects.filter(session=session, member=member).first()
    if existing and existing.status == "booked":
        return existing
    if session.is_full():
        raise BookingError("Class is full, join the waitlist instead.")
    if existing:
        existing.status, existing.cancelled_at, existing.source = "booked", None, source
        existing.save()
        booking = existing
    else:
        booking = Booking.objects.create(session=session, member=member, source=source)
    WaitlistEntry.objects.filter(session=session, member=member).delete()
    return booking


def cancel_booking(booking, by_member=True):
    hours_left = (booking.session.starts_at - timezone.now()).total_seconds() / 3600
    late = by_member and hours_left < settings.LATE_CANCEL_HOURS
    booking.status = "late_cancel" if late else "cancelled"
    booking.cancelled_at = timezone.now()
    booking.save()
    promote_waitlist(booking.session)
    return late


def promote_waitlist(session):
    if session.is_full() or not session.bookable():
        return None
    entry = session.waitlist.filter(offered_at__isnull=True).order_by("position").first()
    if entry is None:
        return None
    entry.offered_at = timezone.now()
    entry.save()
    notify(entry.member, "waitlist_offer", session=session, when=fmt_dt(session.starts_at))
    return entry


def join_waitlist(member, session):
    pos = session.waitlist.count() + 1
    entry, _ = WaitlistEntry.objects.get_or_create(session=session, member=member,
                                                   defaults={"position": pos})
    return entry


def cancel_session(session, note=""):
    session.cancelled = True
    session.cancel_note = note
    session.save()
    for b in session.bookings.filter(status="booked").select_related("member"):
        b.status = "cancelled"
        b.cancelled_at = timezone.now()
        b.save()
        notify(b.member, "class_cancelled", session=session, when=fmt_dt(session.starts_at),
               note=note)


@club_from_session
def timetable(request):
    start = parse_date(request.GET.get("week"), week_start())
    sessions = (ClassSession.objects.filter(studio__club=request.club,
                                            starts_at__date__gte=start,
                                            starts_at__date__lt=start + timedelta(days=7))
                .select_related("class_type", "studio", "instructor"))
    kind = request.GET.get("type")
    if kind:
        sessions = sessions.filter(class_type__slug=kind)
    days = {}
    for s in sessions:
        days.setdefault(timezone.localtime(s.starts_at).date(), []).append(s)
    return render(request, "timetable.html", {
        "club": request.club, "days": sorted(days.items()), "week": start,
        "types": ClassType.objects.active(), "prev": start - timedelta(days=7),
        "next": start + timedelta(days=7)})


@login_required
def book(request, session_id):
    session = get_object_or_404(ClassSession, pk=session_id)
    member = request.user.member
    try:
        booking = book_member(member, session)
    except BookingError as e:
        if "full" in str(e) and request.POST.get("waitlist"):
            join_waitlist(member, session)
            messages.info(request, "You're on the waitlist.")
        else:
            messages.error(request, str(e))
        return redirect("timetable")
    notify(member, "booking_confirmed", session=session, when=fmt_dt(session.starts_at))
    messages.success(request, "Booked! Bike %s" % booking.bike_no if booking.bike_no else "Booked!")
    return redirect("my_bookings")


@login_required
def cancel(request, booking_id):
    booking = get_object_or_404(Booking, pk=booking_id, member__user=request.user)
    if request.method == "POST":
        late = cancel_booking(booking)
        if late:
            messages.warning(request, "Late cancellation - this counts as a no-show strike.")
        else:
            messages.success(request, "Cancelled.")
    return redirect("my_bookings")


@login_required
def my_bookings(request):
    member = request.user.member
    upcoming = (member.bookings.filter(session__starts_at__gte=timezone.now(), status="booked")
                .select_related("session__class_type", "session__studio"))
    return render(request, "my_bookings.html", {
        "bookings": upcoming, "credits": class_credits_left(member),
        "waiting": WaitlistEntry.objects.filter(member=member,
                                                session__starts_at__gte=timezone.now())})


@staff_only
def register(request, session_id):
    """Instructor's tablet: tick who turned up."""
    session = get_object_or_404(ClassSession, pk=session_id)
    bookings = session.bookings.exclude(status__in=["cancelled"]).select_related("member")
    if request.method == "POST":
        present = set(request.POST.getlist("present"))
        for b in bookings:
            if b.status == "late_cancel":
                continue
            b.status = "attended" if str(b.pk) in present else "no_show"
            b.save(update_fields=["status"])
        apply_no_show_strikes([b.member for b in bookings if b.status == "no_show"])
        return redirect("register", session_id=session.pk)
    return render(request, "register.html", {"session": session, "bookings": bookings})


def apply_no_show_strikes(members):
    for m in members:
        m.no_show_count += 1
        if m.no_show_count >= settings.NO_SHOW_STRIKES:
            m.booking_banned_until = today() + timedelta(days=7)
            m.no_show_count = 0
        m.save(update_fields=["no_show_count", "booking_banned_until"])


@staff_only
def notification_log(request):
    qs = NotificationLog.objects.select_related("member")
    if request.GET.get("member"):
        qs = qs.filter(member__member_no=request.GET["member"])
    if request.GET.get("failed"):
        qs = qs.filter(ok=False)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "notification_log.html", {"page": page})


def timetable_old(request):
    # v1 timetable, still linked from the 2019 newsletter footer
    sessions = ClassSession.objects.filter(starts_at__gte=local_now())[:50]
    return render(request, "timetable_old.html", {"sessions": sessions})
