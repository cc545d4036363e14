import datetime

from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config, view_defaults

from ..dal.base import get_or_404
from ..dal.bookings import lessons_on
from ..lib.dates import local_today, parse_date
from ..models import DBSession
from ..models.guests import Guest
from ..models.school import Instructor, InstructorShift, Lesson, LessonEnrollment
from ..services import school


@view_defaults(permission='school')
class LessonViews(object):

    def __init__(self, request):
        self.request = request

    @view_config(route_name='lesson_calendar', renderer='resort:templates/school/calendar.jinja2',
                 permission='public')
    def calendar(self):
        day = parse_date(self.request.params.get('day'), local_today())
        lessons = lessons_on(day)
        return {'day': day, 'lessons': lessons,
                'free': dict((l.id, school.capacity_left(l)) for l in lessons)}

    @view_config(route_name='lesson_book', renderer='resort:templates/school/book.jinja2')
    def book(self):
        lesson = get_or_404(Lesson, self.request.matchdict['id'])
        if self.request.method == 'POST':
            guest = get_or_404(Guest, self.request.POST['guest_id'])
            try:
                school.book_lesson(guest, lesson, self.request.POST.get('ability_level'),
                                   user=self.request.user,
                                   parent_phone=self.request.POST.get('parent_phone'))
            except school.BookingError as e:
                return {'lesson': lesson, 'error': str(e)}
            return HTTPFound(self.request.route_url('lesson_calendar',
                                                    _query={'day': lesson.starts_at.date()}))
        return {'lesson': lesson, 'roster': school.lesson_roster(lesson), 'error': None}

    @view_config(route_name='enrollment_cancel', request_method='POST')
    def cancel(self):
        enrollment = get_or_404(LessonEnrollment, self.request.matchdict['id'])
        school.cancel_enrollment(enrollment, self.request.user,
                                 refund=self.request.POST.get('refund') != '0')
        return HTTPFound(self.request.route_url('lesson_book', id=enrollment.lesson_id))


@view_defaults(permission='school')
class InstructorViews(object):

    def __init__(self, request):
        self.request = request

    @view_config(route_name='instructor_list', renderer='resort:templates/school/instructors.jinja2')
    def list(self):
        instructors = DBSession.query(Instructor).filter(Instructor.active == True) \
            .order_by(Instructor.last_name).all()  # noqa
        return {'instructors': instructors,
                'expiring': school.expiring_certifications()}

    @view_config(route_name='instructor_detail',
                 renderer='resort:templates/school/instructor.jinja2')
    def detail(self):
        instructor = get_or_404(Instructor, self.request.matchdict['id'])
        today = local_today()
        start = today.replace(day=1)
        return {'instructor': instructor,
                'payroll_mtd': school.instructor_payroll(instructor, start, today)}

    @view_config(route_name='instructor_shifts', renderer='json', request_method='POST')
    def add_shift(self):
        instructor = get_or_404(Instructor, self.request.matchdict['id'])
        shift = InstructorShift(instructor_id=instructor.id,
                                shift_date=parse_date(self.request.POST['date']),
                                role=self.request.POST.get('role', 'teaching'))
        DBSession.add(shift)
        DBSession.flush()
        return {'id': shift.id}
