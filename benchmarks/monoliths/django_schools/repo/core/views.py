# -*- coding: utf-8 -*-
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, ListView

from common.dates import today
from common.decorators import role_required, staff_required
from common.exceptions import SISError
from common.views import StaffRequiredMixin, paginate
from core.forms import EnrolForm, GuardianForm, StudentForm, StudentSearchForm, WithdrawForm
from core.models import Enrolment, Section, StaffMember, Student, StudentGuardian, Term
from core.services import drop_enrolment, enrol_student, withdraw_student


@login_required
def home(request):
    """Teacher landing page: today's classes and which registers still need taking."""
    from attendance.helpers import register_taken

    staff = getattr(request.user, "staff_profile", None)
    if staff is None:
        return redirect("portal-home")
    day = today()
    sections = (Section.objects.taught_by(staff).filter(term__start_date__lte=day, term__end_date__gte=day)
                .select_related("course"))
    rows = [{"section": s, "taken": register_taken(s, day)} for s in sections
            if s.course.takes_attendance]
    return render(request, "core/home.html", {"rows": rows, "day": day})


class StudentListView(StaffRequiredMixin, ListView):
    model = Student
    paginate_by = 50
    template_name = "core/student_list.html"

    def get_queryset(self):
        form = StudentSearchForm(self.request.GET)
        qs = Student.objects.select_related("school")
        if form.is_valid():
            if not form.cleaned_data.get("include_inactive"):
                qs = qs.active()
            qs = qs.search(form.cleaned_data.get("q"))
            if form.cleaned_data.get("grade_level") is not None:
                qs = qs.in_grade(form.cleaned_data["grade_level"])
        staff = getattr(self.request.user, "staff_profile", None)
        if staff and not self.request.user.is_superuser:
            qs = qs.filter(school__in=staff.schools.all())
        return qs


class StudentDetailView(StaffRequiredMixin, DetailView):
    model = Student
    template_name = "core/student_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super(StudentDetailView, self).get_context_data(**kwargs)
        student = self.object
        ctx["guardian_links"] = student.studentguardian_set.select_related("guardian")
        ctx["enrolments"] = Enrolment.objects.for_student(student).current()
        # the office asked for these on the front page of the record
        from attendance.helpers import attendance_rate
        from meals.billing import balance_for
        term = Term.objects.current(student.school)
        if term:
            ctx["attendance_rate"] = attendance_rate(student, term.start_date, today())
        ctx["lunch_balance"] = balance_for(student)
        return ctx


@staff_required
def student_create(request):
    form = StudentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        student = form.save()
        messages.success(request, "Registered %s" % student.full_name)
        return redirect("guardian-add", pk=student.pk)
    return render(request, "core/student_form.html", {"form": form})


@staff_required
def guardian_add(request, pk):
    student = get_object_or_404(Student, pk=pk)
    form = GuardianForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        guardian = form.save()
        StudentGuardian.objects.create(
            student=student, guardian=guardian,
            relationship=form.cleaned_data["relationship"],
            is_primary=form.cleaned_data["is_primary"],
            has_custody=form.cleaned_data["has_custody"],
            emergency_order=student.studentguardian_set.count() + 1)
        return redirect("student-detail", pk=pk)
    return render(request, "core/guardian_form.html", {"form": form, "student": student})


@role_required("admin", "office")
def withdraw(request, pk):
    student = get_object_or_404(Student, pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        withdraw_student(student, form.cleaned_data["exit_date"],
                         dict(WithdrawForm.REASONS)[form.cleaned_data["reason"]])
        messages.success(request, "%s withdrawn" % student.full_name)
        return redirect("student-list")
    return render(request, "core/withdraw.html", {"form": form, "student": student})


def student_search_old(request):
    # pre-2019 search box, kept because the front office bookmarked it
    # if request.GET.has_key('q'):
    q = request.GET.get("q", "")
    students = Student.objects.filter(Q(last_name__icontains=q) | Q(local_id=q))[:25]
    return render(request, "core/search_old.html", {"students": students, "q": q})


@staff_required
def section_roster(request, pk):
    section = get_object_or_404(Section.objects.select_related("course", "term", "teacher"), pk=pk)
    enrolments = Enrolment.objects.for_section(section).current().order_by("student__last_name")
    return render(request, "core/roster.html", {"section": section, "enrolments": enrolments})


@role_required("admin", "office", "counsellor")
def enrol(request, pk):
    student = get_object_or_404(Student, pk=pk)
    form = EnrolForm(student, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrol_student(student, form.cleaned_data["section"], on=form.cleaned_data["enrolled_on"],
                          override_capacity=form.cleaned_data["override_capacity"])
        except SISError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("student-detail", pk=pk)
    return render(request, "core/enrol.html", {"form": form, "student": student})


@role_required("admin", "office", "counsellor")
def drop(request, pk):
    enrolment = get_object_or_404(Enrolment, pk=pk)
    if request.method == "POST":
        drop_enrolment(enrolment, reason=request.POST.get("reason", ""))
        return redirect("student-detail", pk=enrolment.student_id)
    return render(request, "core/drop_confirm.html", {"enrolment": enrolment})


@staff_required
def staff_directory(request):
    qs = StaffMember.objects.active().prefetch_related("schools")
    school = request.GET.get("school")
    if school:
        qs = qs.filter(schools__code=school)
    role = request.GET.get("role")
    if role:
        qs = qs.filter(role=role)
    return render(request, "core/staff_directory.html", {"staff": paginate(request, qs)})
