import logging

from django import forms
from django.contrib import messages
from django.forms import formset_factory
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from academics.models import Enrolment, Section
from common.decorators import role_required, student_required
from common.utils import feature_enabled, format_date
from exams.gpa import academic_standing, calculate_gpa, class_rank, finalise_grade, letter_for_score
from exams.models import Exam, ExamSitting, Grade, GradeAppeal, TranscriptRequest

logger = logging.getLogger(__name__)


# forms live here, exams/forms.py was never created

class MarkEntryForm(forms.Form):
    sitting_id = forms.IntegerField(widget=forms.HiddenInput)
    mark = forms.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False)
    attended = forms.BooleanField(required=False)
    mitigating = forms.BooleanField(required=False)


MarkEntryFormSet = formset_factory(MarkEntryForm, extra=0)


class AppealForm(forms.ModelForm):
    class Meta:
        model = GradeAppeal
        fields = ('reason',)
        widgets = {'reason': forms.Textarea(attrs={'rows': 6})}


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(choices=(('upheld', 'Uphold (change grade)'), ('rejected', 'Reject')))
    new_score = forms.DecimalField(max_digits=5, decimal_places=2, required=False)
    notes = forms.CharField(widget=forms.Textarea)


class TranscriptRequestForm(forms.ModelForm):
    class Meta:
        model = TranscriptRequest
        fields = ('copies', 'official', 'deliver_to')


@student_required
def exam_timetable(request):
    exams = (Exam.objects.filter(section__enrolments__student=request.student,
                                 section__enrolments__status='enrolled',
                                 starts_at__gte=timezone.now())
             .select_related('section__course').order_by('starts_at'))
    sittings = {s.exam_id: s for s in ExamSitting.objects.filter(student=request.student, exam__in=exams)}
    return render(request, 'exams/timetable.html', {'exams': exams, 'sittings': sittings})


@role_required('faculty')
def enter_marks(request, exam_id):
    exam = get_object_or_404(Exam.objects.select_related('section__course'), pk=exam_id)
    # make sure everyone enrolled has a sitting row
    for enrolment in Enrolment.objects.filter(section=exam.section, status='enrolled'):
        ExamSitting.objects.get_or_create(exam=exam, student=enrolment.student)
    sittings = ExamSitting.objects.filter(exam=exam).select_related('student').order_by('student__last_name')
    initial = [{'sitting_id': s.pk, 'mark': s.mark, 'attended': bool(s.attended),
                'mitigating': s.mitigating_circumstances} for s in sittings]
    formset = MarkEntryFormSet(request.POST or None, initial=initial)
    if request.method == 'POST' and formset.is_valid():
        by_id = {s.pk: s for s in sittings}
        for form in formset:
            s = by_id.get(form.cleaned_data.get('sitting_id'))
            if s is None:
                continue
            s.mark = form.cleaned_data.get('mark')
            s.attended = form.cleaned_data.get('attended')
            s.mitigating_circumstances = form.cleaned_data.get('mitigating', False)
            s.save()
        messages.success(request, 'Marks saved')
        return redirect('exams:enter_marks', exam_id=exam_id)
    return render(request, 'exams/enter_marks.html', {
        'exam': exam, 'formset': formset, 'rows': list(zip(sittings, formset))})


@role_required('faculty')
def finalise_section(request, section_id):
    section = get_object_or_404(Section, pk=section_id)
    entered_by = getattr(request.user, 'faculty_profile', None)
    count = 0
    for enrolment in Enrolment.objects.filter(section=section, status='enrolled').select_related('student'):
        finalise_grade(enrolment.student, section, entered_by=entered_by)
        count += 1
    messages.success(request, '%s provisional grades calculated' % count)
    return redirect('academics:roster', pk=section_id)


@student_required
def my_results(request):
    grades = (Grade.objects.filter(student=request.student, status__in=['published', 'amended'])
              .select_related('section__course', 'section__term')
              .order_by('-section__term__starts_on', 'section__course__code'))
    return render(request, 'exams/results.html', {
        'grades': grades,
        'gpa': calculate_gpa(request.student),
        'standing': academic_standing(request.student),
    })


@student_required
def appeal_grade(request, grade_id):
    grade = get_object_or_404(Grade, pk=grade_id, student=request.student, status__in=['published', 'amended'])
    if grade.published_at and (timezone.now() - grade.published_at).days > 21:
        messages.error(request, 'The 21 day appeal window has closed.')
        return redirect('exams:results')
    form = AppealForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        appeal = form.save(commit=False)
        appeal.grade = grade
        appeal.previous_letter = grade.letter
        appeal.stamp(request.user.username)
        appeal.save()
        messages.success(request, 'Appeal lodged')
        return redirect('exams:results')
    return render(request, 'exams/appeal.html', {'grade': grade, 'form': form})


@role_required('exams_board')
def review_appeal(request, appeal_id):
    appeal = get_object_or_404(GradeAppeal.objects.select_related('grade__student', 'grade__section'),
                               pk=appeal_id)
    form = AppealDecisionForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        appeal.status = form.cleaned_data['outcome']
        appeal.outcome_notes = form.cleaned_data['notes']
        appeal.decided_at = timezone.now()
        appeal.stamp(request.user.username)
        appeal.save()
        if appeal.status == 'upheld' and form.cleaned_data.get('new_score') is not None:
            grade = appeal.grade
            grade.score = form.cleaned_data['new_score']
            grade.letter = letter_for_score(grade.score)
            grade.status = 'amended'
            grade.save()
        return redirect('admin:exams_gradeappeal_changelist')
    return render(request, 'exams/review_appeal.html', {'appeal': appeal, 'form': form})


@student_required
def request_transcript(request):
    form = TranscriptRequestForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        req = form.save(commit=False)
        req.student = request.student
        req.save()
        messages.success(request, 'Transcript requested. Processing takes up to 5 working days.')
        return redirect('portal:dashboard')
    return render(request, 'exams/request_transcript.html', {
        'form': form, 'previous': request.student.transcript_requests.order_by('-created_at')[:10]})


@student_required
def unofficial_transcript(request):
    from main.services import has_financial_hold
    if has_financial_hold(request.student):
        messages.error(request, 'Transcripts are withheld while there is a hold on your account.')
        return redirect('finance:invoices')
    grades = (Grade.objects.filter(student=request.student, status__in=['published', 'amended'])
              .select_related('section__course', 'section__term').order_by('section__term__starts_on'))
    rank, of = class_rank(request.student) if feature_enabled('new_transcript_pdf') else (None, None)
    html = render_to_string('exams/transcript.html', {
        'student': request.student, 'grades': grades, 'gpa': calculate_gpa(request.student),
        'generated': format_date(timezone.localdate()), 'rank': rank, 'of': of})
    return HttpResponse(html)
