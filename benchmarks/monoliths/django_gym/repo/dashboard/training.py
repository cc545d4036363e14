"""PT: packages, sessions, trainer pay. Lives in dashboard because the PT manager's
screens were the first thing built here."""
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from common.notify import notify
from common.utils import add_months, fmt_dt, money
from dashboard.models import PTPackage, PTSession, Trainer


class PTError(Exception):
    pass


@transaction.atomic
def sell_package(member, trainer, sessions, price, months_valid=3):
    from core.helpers import raise_invoice
    pkg = PTPackage.objects.create(member=member, trainer=trainer, sessions_total=sessions,
                                   price=money(price),
                                   expires=add_months(timezone.now().date(), months_valid))
    pkg.invoice = raise_invoice(member, [("pt", "%d x PT with %s" % (sessions, trainer), 1,
                                          price)])
    pkg.save(update_fields=["invoice"])
    return pkg


def free_slots(trainer, day, minutes=60):
    slots = []
    taken = [(s.starts_at, s.starts_at + timedelta(minutes=s.minutes)) for s in
             trainer.pt_sessions.filter(starts_at__date=day).exclude(status="cancelled")]
    taken += [(c.starts_at, c.ends_at) for c in trainer.classes.filter(starts_at__date=day,
                                                                       cancelled=False)]
    for av in trainer.availability.filter(weekday=day.weekday()):
        t = timezone.make_aware(datetime.combine(day, av.start))
        end = timezone.make_aware(datetime.combine(day, av.end))
        while t + timedelta(minutes=minutes) <= end:
            if not any(a < t + timedelta(minutes=minutes) and t < b for a, b in taken):
                slots.append(t)
            t += timedelta(minutes=30)
    return slots


def book_session(package, starts_at, minutes=60):
    if package.remaining <= 0:
        raise PTError("No sessions left on this package")
    if package.expires and package.expires < starts_at.date():
        raise PTError("Package expires on %s" % package.expires)
    if starts_at not in free_slots(package.trainer, starts_at.date(), minutes):
        raise PTError("%s isn't free then" % package.trainer)
    s = PTSession.objects.create(package=package, trainer=package.trainer,
                                 member=package.member, starts_at=starts_at, minutes=minutes)
    notify(package.member, "pt_booked", trainer=package.trainer, when=fmt_dt(starts_at))
    return s


def complete_session(session, status="done", notes=""):
    session.status = status
    session.notes = notes
    session.save()
    if session.package_id and status in ("done", "no_show"):
        PTPackage.objects.filter(pk=session.package_id).update(
            sessions_used=session.package.sessions_used + 1)


def commission_for(trainer, start, end):
    done = trainer.pt_sessions.filter(status__in=["done", "no_show"], paid_to_trainer=False,
                                      starts_at__date__range=(start, end)).select_related(
        "package")
    total = 0
    for s in done:
        per = s.package.price / s.package.sessions_total if s.package else trainer.hourly_rate
        total += per * trainer.commission_rate()
    return money(total), list(done)


def active_trainers(club=None):
    qs = Trainer.objects.filter(active=True)
    return qs.filter(club=club) if club else qs
