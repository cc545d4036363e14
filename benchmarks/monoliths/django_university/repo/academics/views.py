import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from academics import services
from academics.forms import (CourseSearchForm, DropForm, EnrolForm, HallFilterForm,
                             MaintenanceCloseForm, MaintenanceRequestForm, RoomAssignmentForm)
from academics.models import (Course, Enrolment, MaintenanceRequest, ResidenceHall, Room,
                              RoomAssignment, Section, Term)
from common.decorators import role_required, staff_required, student_required
from common.utils import paginate

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Courses & enrolment
# ---------------------------------------------------------------------------

def course_catalogue(request):
    form = CourseSearchForm(request.GET or None)
    term = getattr(request, 'term', None) or services.current_term()
    sections = Section.objects.with_counts().filter(is_cancelled=False).select_related(
        'course', 'course__department', 'term', 'lead_instructor')
    if form.is_valid():
        data = form.cleaned_data
        term = data.get('term') or term
        if data.get('q'):
            sections = sections.filter(Q(course__code__icontains=data['q']) | Q(course__title__icontains=data['q']))
        if data.get('level'):
            sections = sections.filter(course__level=data['level'])
        if data.get('department'):
            sections = sections.filter(course__department__code__iexact=data['department'])
    sections = sections.filter(term=term)
    return render(request, 'academics/catalogue.html', {
        'form': form, 'term': term, 'page': paginate(request, sections, 40)})


class SectionDetailView(DetailView):
    model = Section
    template_name = 'academics/section_detail.html'
    context_object_name = 'section'

    def get_queryset(self):
        return Section.objects.select_related('course', 'term', 'lead_instructor').prefetch_related('slots')

    def get_context_data(self, **kwargs):
        ctx = super(SectionDetailView, self).get_context_data(**kwargs)
        ctx['seats_left'] = self.object.seats_left()
        ctx['prereqs'] = self.object.course.prerequisites.select_related('required_course')
        ctx['reading_list'] = self.object.course.reading_list.all()[:20]
        return ctx


@student_required
def enrol(request, section_id):
    section = get_object_or_404(Section.objects.select_related('course', 'term'), pk=section_id)
    form = EnrolForm(request.POST or None, term=section.term, initial={'section': section})
    if request.method == 'POST' and form.is_valid():
        try:
            enrolment = services.enrol_student(request.student, section)
        except services.EnrolmentError as exc:
            messages.error(request, str(exc))
        else:
            if enrolment.status == 'waitlisted':
                messages.warning(request, 'Section full - you are #%s on the waitlist' % enrolment.waitlist_position)
            else:
                messages.success(request, 'Enrolled in %s' % section)
        return redirect('academics:timetable')
    return render(request, 'academics/enrol_confirm.html', {'section': section, 'form': form})


@student_required
def drop(request, enrolment_id):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id, student=request.student)
    form = DropForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        services.drop_enrolment(enrolment, form.cleaned_data.get('reason', ''))
        messages.info(request, 'Dropped %s' % enrolment.section)
        return redirect('academics:timetable')
    return render(request, 'academics/drop_confirm.html', {'enrolment': enrolment, 'form': form})


@student_required
def my_timetable(request):
    term = getattr(request, 'term', None) or services.current_term()
    enrolments = (Enrolment.objects.filter(student=request.student, section__term=term,
                                           status__in=['enrolled', 'waitlisted'])
                  .select_related('section__course').prefetch_related('section__slots'))
    grid = {}
    for enrolment in enrolments:
        if enrolment.status != 'enrolled':
            continue
        for slot in enrolment.section.slots.all():
            grid.setdefault(slot.weekday, []).append((slot, enrolment.section))
    return render(request, 'academics/timetable.html', {
        'term': term, 'enrolments': enrolments, 'grid': grid,
        'credits': services.credit_load(request.student, term)})


@method_decorator(role_required('faculty', 'registry'), name='dispatch')
class SectionRosterView(ListView):
    template_name = 'academics/roster.html'
    context_object_name = 'enrolments'

    def get_queryset(self):
        self.section = get_object_or_404(Section, pk=self.kwargs['pk'])
        return (Enrolment.objects.filter(section=self.section, status__in=['enrolled', 'waitlisted'])
                .select_related('student').order_by('status', 'student__last_name'))

    def get_context_data(self, **kwargs):
        ctx = super(SectionRosterView, self).get_context_data(**kwargs)
        ctx['section'] = self.section
        return ctx


@role_required('registry')
def registry_override_enrol(request, section_id):
    from main.models import Student
    section = get_object_or_404(Section, pk=section_id)
    number = request.POST.get('student_number', '')
    student = get_object_or_404(Student, student_number=number)
    try:
        services.enrol_student(student, section, override_by=request.user.username)
        messages.success(request, 'Override enrolment done')
    except services.EnrolmentError as exc:
        messages.error(request, str(exc))
    return redirect('academics:roster', pk=section_id)


# ---------------------------------------------------------------------------
# Residences
# ---------------------------------------------------------------------------

@login_required
def hall_list(request):
    term = getattr(request, 'term', None) or services.current_term()
    return render(request, 'housing/halls.html', {
        'halls': ResidenceHall.objects.filter(is_active=True),
        'occupancy': services.hall_occupancy(term) if request.user.is_staff else None,
    })


@role_required('housing')
def room_board(request):
    term = getattr(request, 'term', None) or services.current_term()
    form = HallFilterForm(request.GET or None)
    rooms = Room.objects.select_related('hall').order_by('hall__name', 'number')
    if form.is_valid():
        if form.cleaned_data.get('hall'):
            rooms = rooms.filter(hall=form.cleaned_data['hall'])
        if form.cleaned_data.get('room_type'):
            rooms = rooms.filter(room_type=form.cleaned_data['room_type'])
    assignments = {}
    for a in RoomAssignment.objects.filter(term=term, vacated_on__isnull=True).select_related('student'):
        assignments.setdefault(a.room_id, []).append(a)
    return render(request, 'housing/room_board.html', {
        'form': form, 'rooms': rooms, 'assignments': assignments, 'term': term})


@role_required('housing')
def assign_room(request):
    form = RoomAssignmentForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        try:
            services.allocate_room(form.cleaned_data['student'], form.cleaned_data['room'],
                                   form.cleaned_data['term'], allocated_by=request.user.username)
            messages.success(request, 'Room assigned')
            return redirect('housing:board')
        except services.HousingError as exc:
            messages.error(request, str(exc))
    return render(request, 'housing/assign.html', {'form': form})


@role_required('housing')
def vacate_room_view(request, assignment_id):
    assignment = get_object_or_404(RoomAssignment, pk=assignment_id)
    if request.method == 'POST':
        services.vacate_room(assignment, request.POST.get('reason', ''))
        messages.info(request, 'Room vacated')
        return redirect('housing:board')
    return render(request, 'housing/vacate.html', {'assignment': assignment})


@student_required
def report_maintenance(request):
    assignment = (RoomAssignment.objects.filter(student=request.student, vacated_on__isnull=True)
                  .select_related('room').order_by('-term__starts_on').first())
    if assignment is None:
        messages.error(request, 'You do not currently have a room.')
        return redirect('portal:dashboard')
    form = MaintenanceRequestForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        req = form.save(commit=False)
        req.room = assignment.room
        req.reported_by = request.student
        req.save()
        messages.success(request, 'Reported. Reference #%s' % req.pk)
        return redirect('portal:dashboard')
    return render(request, 'housing/maintenance_form.html', {'form': form, 'room': assignment.room})


@method_decorator(role_required('housing', 'estates'), name='dispatch')
class MaintenanceQueueView(ListView):
    template_name = 'housing/maintenance_queue.html'
    context_object_name = 'requests'
    paginate_by = 50

    def get_queryset(self):
        qs = MaintenanceRequest.objects.exclude(status='closed').select_related('room__hall', 'reported_by')
        if self.request.GET.get('urgent'):
            qs = qs.filter(priority='urgent')
        return qs.order_by('-priority', 'created_at')


@role_required('housing', 'estates')
def close_maintenance(request, pk):
    req = get_object_or_404(MaintenanceRequest, pk=pk)
    form = MaintenanceCloseForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        req.status = 'closed'
        req.closed_at = timezone.now()
        req.recharge_amount = form.cleaned_data.get('recharge_amount')
        req.save()
        messages.success(request, 'Closed')
        return redirect('housing:maintenance')
    return render(request, 'housing/maintenance_close.html', {'req': req, 'form': form})
