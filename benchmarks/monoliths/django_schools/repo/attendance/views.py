from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from attendance.forms import RegisterForm
from attendance.helpers import absences_for, apply_absence_note, attendance_rate, is_locked, take_register
from attendance.models import AttendanceRecord, DailySummary
from common.dates import parse_date, school_year_bounds, school_year_for, today
from common.decorators import role_required, staff_required
from common.exceptions import Locked
from common.views import StaffRequiredMixin
from core.models import Section, Student


class RegisterView(StaffRequiredMixin, View):
    template_name = "attendance/register.html"

    def dispatch(self, request, section_id, *args, **kwargs):
        self.section = get_object_or_404(Section.objects.select_related("course", "teacher"), pk=section_id)
        self.day = parse_date(request.GET.get("date")) if request.GET.get("date") else today()
        return super(RegisterView, self).dispatch(request, *args, **kwargs)

    def get_form(self, data=None):
        students = self.section.roster()
        existing = dict((r.student_id, r) for r in
                        AttendanceRecord.objects.filter(section=self.section, date=self.day))
        return RegisterForm(students, data, existing=existing)

    def get(self, request):
        return render(request, self.template_name, {"form": self.get_form(), "section": self.section,
                                                    "day": self.day, "locked": is_locked(self.day)})

    def post(self, request):
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                take_register(self.section, self.day, form.marks(), by=request.user.staff_profile)
            except Locked as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Register saved")
                return redirect("home")
        return render(request, self.template_name, {"form": form, "section": self.section, "day": self.day})


@staff_required
def student_attendance(request, pk):
    student = get_object_or_404(Student, pk=pk)
    year = school_year_for()
    start, end = school_year_bounds(year)
    end = min(end, today())
    context = {
        "student": student,
        "absences": absences_for(student, start, end),
        "rate": attendance_rate(student, start, end),
        "summaries": DailySummary.objects.filter(student=student, date__gte=start).order_by("-date")[:60],
    }
    return render(request, "attendance/student.html", context)


@role_required("office", "admin")
def absence_note_queue(request):
    from portal.models import AbsenceNote

    if request.method == "POST":
        note = get_object_or_404(AbsenceNote, pk=request.POST.get("note"))
        if request.POST.get("action") == "accept":
            n = apply_absence_note(note, by=request.user.staff_profile)
            note.status = "accepted"
            messages.success(request, "Excused %d records" % n)
        else:
            note.status = "rejected"
        note.reviewed_by = request.user.staff_profile
        note.save()
        return redirect("absence-note-queue")
    notes = AbsenceNote.objects.filter(status="pending").select_related("student", "guardian")
    return render(request, "attendance/note_queue.html", {"notes": notes})
