import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from common.decorators import role_required
from common.utils import paginate
from staff import payroll
from staff.models import Department, Faculty, Interview, LeaveRequest, TeachingAssignment


class LeaveRequestForm(forms.ModelForm):
    class Meta:
        model = LeaveRequest
        fields = ('kind', 'starts_on', 'ends_on', 'notes')
        widgets = {'starts_on': forms.DateInput(attrs={'type': 'date'}),
                   'ends_on': forms.DateInput(attrs={'type': 'date'})}

    def clean(self):
        data = super(LeaveRequestForm, self).clean()
        if data.get('starts_on') and data.get('ends_on') and data['ends_on'] < data['starts_on']:
            raise forms.ValidationError('End date before start date')
        return data


class InterviewOutcomeForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ('outcome', 'score', 'notes')


def faculty_directory(request):
    dept = request.GET.get('dept')
    people = Faculty.objects.filter(end_date__isnull=True).select_related('department')
    if dept:
        people = people.filter(department__code=dept)
    return render(request, 'staff/directory.html', {
        'page': paginate(request, people, 50), 'departments': Department.objects.order_by('name')})


def faculty_profile(request, staff_number):
    person = get_object_or_404(Faculty.objects.select_related('department'), staff_number=staff_number)
    sections = (TeachingAssignment.objects.filter(faculty=person, approved=True)
                .select_related('section__course', 'section__term').order_by('-section__term__starts_on')[:20])
    return render(request, 'staff/profile.html', {'person': person, 'sections': sections})


@role_required('faculty')
def my_teaching(request):
    me = get_object_or_404(Faculty, user=request.user)
    assignments = (TeachingAssignment.objects.filter(faculty=me)
                   .select_related('section__course', 'section__term').order_by('-section__term__starts_on'))
    return render(request, 'staff/my_teaching.html', {
        'assignments': assignments, 'hours': payroll.teaching_hours(me), 'advisees': me.advisees.all()})


@role_required('faculty')
def submit_leave(request):
    me = get_object_or_404(Faculty, user=request.user)
    form = LeaveRequestForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        leave = form.save(commit=False)
        leave.faculty = me
        leave.stamp(request.user.username)
        leave.save()
        messages.success(request, 'Leave request submitted to your head of department')
        return redirect('staff:my_teaching')
    return render(request, 'staff/leave_form.html', {'form': form,
                                                     'history': me.leave_requests.order_by('-starts_on')[:10]})


@role_required('hod', 'hr')
def approve_leave(request, pk):
    leave = get_object_or_404(LeaveRequest.objects.select_related('faculty__department'), pk=pk)
    approver = Faculty.objects.filter(user=request.user).first()
    if request.method == 'POST':
        leave.status = 'approved' if request.POST.get('approve') else 'rejected'
        leave.approver = approver
        leave.stamp(request.user.username)
        leave.save()
        messages.success(request, 'Leave %s' % leave.status)
        return redirect('staff:leave_queue')
    return render(request, 'staff/approve_leave.html', {'leave': leave})


@role_required('hod', 'hr')
def leave_queue(request):
    pending = LeaveRequest.objects.filter(status='pending').select_related('faculty__department')
    return render(request, 'staff/leave_queue.html', {'pending': pending})


@role_required('hr')
def payroll_export(request, period):
    exporter = payroll.PayrollExporter(period)
    if request.GET.get('run'):
        payroll.run_monthly_payroll(period, academic_year=request.GET.get('ay'),
                                    pay_overload=bool(request.GET.get('overload')))
    response = HttpResponse(exporter.to_csv(), content_type='text/csv')
    response['Content-Disposition'] = 'attachment; filename="payroll-%s.csv"' % period
    if request.GET.get('mark'):
        exporter.mark_exported()
    return response


# ---------------------------------------------------------------------------
# admissions interviews (panel members are staff, so these ended up here)
# ---------------------------------------------------------------------------

@role_required('faculty', 'admissions')
def interview_schedule(request):
    me = Faculty.objects.filter(user=request.user).first()
    qs = Interview.objects.filter(scheduled_for__gte=timezone.now() - datetime.timedelta(days=1))
    if me is not None and not request.user.groups.filter(name='admissions').exists():
        qs = qs.filter(interviewer=me)
    qs = qs.select_related('application__applicant', 'interviewer').order_by('scheduled_for')
    return render(request, 'staff/interviews.html', {'interviews': qs})


@role_required('faculty', 'admissions')
def record_interview(request, pk):
    interview = get_object_or_404(Interview.objects.select_related('application__applicant'), pk=pk)
    form = InterviewOutcomeForm(request.POST or None, instance=interview)
    if request.method == 'POST' and form.is_valid():
        form.save()
        application = interview.application
        if application.status == 'interview':
            application.status = 'under_review'
            application.save()
        from main.services import score_application
        score_application(application)
        messages.success(request, 'Interview recorded')
        return redirect('staff:interviews')
    return render(request, 'staff/record_interview.html', {'interview': interview, 'form': form})


@role_required('admissions')
def schedule_interview(request, application_id):
    from main.models import Application
    application = get_object_or_404(Application, pk=application_id)
    if request.method == 'POST':
        interviewer = get_object_or_404(Faculty, pk=request.POST.get('interviewer'))
        when = datetime.datetime.fromisoformat(request.POST.get('when'))
        Interview.objects.create(application=application, interviewer=interviewer,
                                 scheduled_for=timezone.make_aware(when),
                                 location=request.POST.get('location', ''))
        application.status = 'interview'
        application.save()
        return redirect('admissions:review', pk=application_id)
    return render(request, 'staff/schedule_interview.html', {
        'application': application,
        'panel': Faculty.objects.filter(department__code__in=request.GET.getlist('dept') or ['ADM'])})
