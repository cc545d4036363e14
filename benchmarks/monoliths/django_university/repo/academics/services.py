"""Enrolment and residence logic."""
import logging

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Max, Q
from django.utils import timezone

from academics.models import (Enrolment, MaintenanceRequest, Prerequisite, ResidenceHall, Room,
                              RoomAssignment, Section, Term, TimetableSlot)
from common.decorators import cache_result
from common.utils import get_setting, send_templated_email

logger = logging.getLogger(__name__)


class EnrolmentError(Exception):
    pass


class HousingError(Exception):
    pass


# ===========================================================================
# Terms / enrolment
# ===========================================================================

def current_term():
    today = timezone.localdate()
    return (Term.objects.filter(starts_on__lte=today, ends_on__gte=today).first()
            or Term.objects.filter(starts_on__gt=today).order_by('starts_on').first())


def check_prerequisites(student, course):
    """Returns list of unmet prerequisite course codes."""
    from exams.gpa import has_passed   # grades live in exams

    unmet = []
    for prereq in Prerequisite.objects.filter(course=course).select_related('required_course'):
        if has_passed(student, prereq.required_course, minimum_letter=prereq.minimum_letter):
            continue
        if prereq.concurrent_allowed and Enrolment.objects.filter(
                student=student, section__course=prereq.required_course, status='enrolled').exists():
            continue
        unmet.append(prereq.required_course.code)
    return unmet


def has_timetable_clash(student, section):
    new_slots = list(TimetableSlot.objects.filter(section=section))
    if not new_slots:
        return None
    existing = TimetableSlot.objects.filter(
        section__enrolments__student=student,
        section__enrolments__status='enrolled',
        section__term=section.term,
    ).exclude(section=section).select_related('section__course')
    for slot in existing:
        for new in new_slots:
            if slot.overlaps(new):
                return slot.section
    return None


def credit_load(student, term):
    enrolments = Enrolment.objects.filter(student=student, section__term=term, status='enrolled')
    return sum(e.section.course.credits for e in enrolments.select_related('section__course'))


@transaction.atomic
def enrol_student(student, section, override_by=''):
    from main.services import has_financial_hold

    if not student.is_active:
        raise EnrolmentError('Student is not active')
    if section.is_cancelled:
        raise EnrolmentError('Section cancelled')
    term = section.term
    if not override_by and not term.registration_open:
        raise EnrolmentError('Registration is closed for %s' % term)
    if has_financial_hold(student) and not override_by:
        raise EnrolmentError('You have a hold on your account. Contact the bursary.')
    if not section.course.programme_allowed(student.programme_code):
        raise EnrolmentError('Course restricted to other programmes')
    if Enrolment.objects.filter(student=student, section__course=section.course, section__term=term,
                                status__in=['enrolled', 'waitlisted']).exists():
        raise EnrolmentError('Already enrolled in this course')

    unmet = check_prerequisites(student, section.course)
    if unmet and not override_by:
        raise EnrolmentError('Missing prerequisites: %s' % ', '.join(unmet))
    clash = has_timetable_clash(student, section)
    if clash is not None and not override_by:
        raise EnrolmentError('Timetable clash with %s' % clash)
    max_credits = get_setting('MAX_CREDITS_PER_TERM', 20)
    if credit_load(student, term) + section.course.credits > max_credits and not override_by:
        raise EnrolmentError('Over the %s credit limit' % max_credits)

    # lock the section row so two people can't take the last seat
    section = Section.objects.select_for_update().get(pk=section.pk)
    enrolment, created = Enrolment.objects.get_or_create(student=student, section=section,
                                                         defaults={'status': 'enrolled'})
    if not created and enrolment.status in ('enrolled', 'waitlisted'):
        return enrolment
    if section.seats_left() <= 0:
        waiting = section.enrolments.filter(status='waitlisted').count()
        if waiting >= section.waitlist_capacity:
            raise EnrolmentError('Section and waitlist are full')
        enrolment.status = 'waitlisted'
        enrolment.waitlist_position = waiting + 1
    else:
        enrolment.status = 'enrolled'
        enrolment.waitlist_position = None
    enrolment.override_by = override_by
    enrolment.enrolled_at = timezone.now()
    enrolment.dropped_at = None
    enrolment.save()
    return enrolment


@transaction.atomic
def drop_enrolment(enrolment, reason=''):
    from main.services import credit_for_dropped_section

    term = enrolment.section.term
    was_enrolled = enrolment.status == 'enrolled'
    if timezone.localdate() > term.add_drop_deadline:
        enrolment.status = 'withdrawn'    # shows as W on the transcript
    else:
        enrolment.status = 'dropped'
    enrolment.dropped_at = timezone.now()
    enrolment.drop_reason = reason
    enrolment.save()
    if was_enrolled:
        credit_for_dropped_section(enrolment)
        promote_waitlist(enrolment.section)
    return enrolment


def promote_waitlist(section):
    promoted = []
    while section.seats_left() > 0:
        nxt = (section.enrolments.filter(status='waitlisted')
               .order_by('waitlist_position', 'enrolled_at').select_related('student').first())
        if nxt is None:
            break
        nxt.status = 'enrolled'
        nxt.waitlist_position = None
        nxt.save(update_fields=['status', 'waitlist_position', 'updated_at'])
        section.enrolments.filter(status='waitlisted').update(waitlist_position=F('waitlist_position') - 1)
        send_templated_email('emails/waitlist_promoted', {'enrolment': nxt}, nxt.student.email)
        promoted.append(nxt)
    return promoted


def roll_over_term(old_term, new_term, copy_slots=True):
    """Copy sections (and timetable) from one term to the next. Used every
    summer; the registry then edits capacities by hand."""
    created = 0
    for section in Section.objects.filter(term=old_term, is_cancelled=False).select_related('course'):
        if not section.course.is_active:
            continue
        new_section, was_created = Section.objects.get_or_create(
            course=section.course, term=new_term, number=section.number,
            defaults={'capacity': section.capacity, 'waitlist_capacity': section.waitlist_capacity,
                      'room': section.room, 'lead_instructor': section.lead_instructor})
        if was_created:
            created += 1
            if copy_slots:
                for slot in section.slots.all():
                    TimetableSlot.objects.create(section=new_section, weekday=slot.weekday,
                                                 starts_at=slot.starts_at, ends_at=slot.ends_at,
                                                 location=slot.location)
    return created


@cache_result('section_fill', timeout=120)
def section_fill_rates(term_id):
    # raw because the annotate() version double counted with slots joined in
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.id, c.code, s.number, s.capacity,
                   COUNT(e.id) FILTER (WHERE e.status = 'enrolled') AS enrolled
              FROM academics_section s
              JOIN academics_course c ON c.id = s.course_id
              LEFT JOIN academics_enrolment e ON e.section_id = s.id
             WHERE s.term_id = %s AND s.is_cancelled = FALSE
             GROUP BY s.id, c.code, s.number, s.capacity
            """, [term_id])
        return {row[0]: {'code': row[1], 'number': row[2], 'capacity': row[3], 'enrolled': row[4]}
                for row in cursor.fetchall()}


# ===========================================================================
# Residences
# ===========================================================================

def available_rooms(term, hall=None, room_type=None, accessible=None, gender=None):
    rooms = (Room.objects.filter(out_of_service=False, hall__is_active=True)
             .annotate(occupied=Count('assignments', filter=Q(assignments__term=term,
                                                               assignments__vacated_on__isnull=True)))
             .filter(occupied__lt=F('beds')).select_related('hall'))
    if hall is not None:
        rooms = rooms.filter(hall=hall)
    if room_type:
        rooms = rooms.filter(room_type=room_type)
    if accessible:
        rooms = rooms.filter(accessible=True)
    if gender:
        rooms = rooms.filter(hall__gender_policy__in=['X', gender])
    return rooms


@transaction.atomic
def allocate_room(student, room, term, allocated_by='system'):
    if RoomAssignment.objects.filter(student=student, term=term, vacated_on__isnull=True).exists():
        raise HousingError('%s already has a room in %s' % (student, term))
    room = Room.objects.select_for_update().get(pk=room.pk)
    if not room.has_space(term):
        raise HousingError('Room %s is full' % room)
    if room.hall.gender_policy != 'X' and student.gender and student.gender != room.hall.gender_policy:
        raise HousingError('Hall policy does not match')
    assignment = RoomAssignment(room=room, student=student, term=term)
    assignment.stamp(allocated_by)
    assignment.save()
    send_templated_email('emails/room_allocated', {'assignment': assignment, 'hall': room.hall},
                         student.email)
    return assignment


def vacate_room(assignment, reason='', on=None):
    assignment.vacated_on = on or timezone.localdate()
    assignment.vacate_reason = reason
    assignment.save(update_fields=['vacated_on', 'vacate_reason', 'updated_at'])
    return assignment


def process_housing_applications(term):
    from portal.models import HousingApplication

    allocated = waitlisted = 0
    pending = (HousingApplication.objects.filter(term=term, status__in=['submitted', 'waitlisted'])
               .select_related('student', 'first_choice_hall', 'second_choice_hall')
               .order_by('-needs_accessible', 'priority', 'created_at'))
    for application in pending:
        student = application.student
        if not student.is_active:
            application.status = 'rejected'
            application.save(update_fields=['status', 'updated_at'])
            continue
        room = None
        for hall in (application.first_choice_hall, application.second_choice_hall, None):
            room = available_rooms(term, hall=hall, room_type=application.room_type or None,
                                   accessible=application.needs_accessible,
                                   gender=student.gender or None).first()
            if room is not None:
                break
        if room is None:
            application.status = 'waitlisted'
            application.save(update_fields=['status', 'updated_at'])
            waitlisted += 1
            continue
        try:
            allocate_room(student, room, term)
        except HousingError as exc:
            logger.info('could not allocate %s: %s', student, exc)
            continue
        application.status = 'allocated'
        application.allocated_at = timezone.now()
        application.save(update_fields=['status', 'allocated_at', 'updated_at'])
        allocated += 1
    return {'allocated': allocated, 'waitlisted': waitlisted}


def charge_housing_fees(term):
    """Adds a rent line to each resident's invoice. Idempotent via source_ref."""
    from main.services import add_invoice_line

    billed = 0
    assignments = (RoomAssignment.objects.filter(term=term, rent_invoiced=False, vacated_on__isnull=True)
                   .select_related('room__hall', 'student'))
    for assignment in assignments:
        line = add_invoice_line(assignment.student,
                                'Accommodation {0} {1}'.format(assignment.room, term.code),
                                assignment.room.termly_rent, category='housing', term=term,
                                source_ref='room:%s' % assignment.pk)
        assignment.rent_invoiced = True
        assignment.save(update_fields=['rent_invoiced', 'updated_at'])
        if line is not None:
            billed += 1
    # damage recharges closed this term
    for req in MaintenanceRequest.objects.filter(status='closed', recharge_amount__gt=0,
                                                 reported_by__isnull=False,
                                                 closed_at__date__gte=term.starts_on):
        add_invoice_line(req.reported_by, 'Damage recharge: %s' % req.description[:80], req.recharge_amount,
                         category='housing', term=term, source_ref='damage:%s' % req.pk)
    return billed


def process_room_swaps():
    from portal.models import RoomSwapRequest

    done = 0
    for req in RoomSwapRequest.objects.filter(status='approved').select_related(
            'current_assignment__room', 'current_assignment__term', 'wanted_room', 'requester'):
        current = req.current_assignment
        if req.swap_with_id:
            other = RoomAssignment.objects.filter(student_id=req.swap_with_id, term=current.term,
                                                  vacated_on__isnull=True).first()
            if other is None:
                req.status = 'rejected'
                req.save(update_fields=['status', 'updated_at'])
                continue
            with transaction.atomic():
                current.room, other.room = other.room, current.room
                current.save(update_fields=['room', 'updated_at'])
                other.save(update_fields=['room', 'updated_at'])
        elif req.wanted_room_id:
            if not req.wanted_room.has_space(current.term):
                continue
            with transaction.atomic():
                vacate_room(current, reason='room swap')
                allocate_room(req.requester, req.wanted_room, current.term, allocated_by='swap')
        req.status = 'done'
        req.decided_at = timezone.now()
        req.save(update_fields=['status', 'decided_at', 'updated_at'])
        done += 1
    return done


def hall_occupancy(term):
    rows = []
    for hall in ResidenceHall.objects.filter(is_active=True).prefetch_related('rooms'):
        beds = sum(r.beds for r in hall.rooms.all() if not r.out_of_service)
        taken = RoomAssignment.objects.filter(room__hall=hall, term=term, vacated_on__isnull=True).count()
        rows.append({'hall': hall, 'beds': beds, 'taken': taken, 'free': beds - taken})
    return rows
