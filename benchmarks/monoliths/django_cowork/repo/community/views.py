from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.decorators import member_required, staff_required
from common.utils import slugify_unique
from community import services
from community.forms import EventForm
from community.models import Event, EventRSVP


@member_required
def event_list(request):
    events = Event.objects.filter(published=True, ends_at__gte=timezone.now()).order_by("starts_at")
    if request.location:
        events = events.filter(location=request.location)
    return render(request, "community/events.html", {"events": events})


@member_required
def event_detail(request, slug):
    event = get_object_or_404(Event, slug=slug, published=True)
    rsvp = EventRSVP.objects.filter(event=event, member=request.user.member).first()
    return render(request, "community/event.html", {"event": event, "rsvp": rsvp,
                                                    "left": services.event_capacity_left(event)})


@member_required
@require_POST
def rsvp(request, slug):
    event = get_object_or_404(Event, slug=slug)
    try:
        r = services.rsvp_member(event, request.user.member)
    except ValidationError as e:
        messages.error(request, e.messages[0])
    else:
        messages.success(request, "You're on the waitlist" if r.status == EventRSVP.WAITLIST else "See you there!")
    return redirect("community:event", slug=slug)


@member_required
@require_POST
def cancel_rsvp(request, slug):
    r = get_object_or_404(EventRSVP, event__slug=slug, member=request.user.member)
    services.cancel_rsvp(r)
    return redirect("community:event", slug=slug)


@staff_required
def create_event(request):
    form = EventForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.slug = slugify_unique(Event, event.title)
        event.organiser = request.user
        event.save()
        if form.cleaned_data.get("room"):
            try:
                services.book_event_room(event, form.cleaned_data["room"])
            except ValidationError as e:
                messages.warning(request, "Event saved but room not booked: %s" % e.messages[0])
        return redirect("community:event", slug=event.slug)
    return render(request, "community/event_form.html", {"form": form})
