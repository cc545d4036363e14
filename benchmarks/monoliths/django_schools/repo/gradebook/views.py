from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import TemplateView

from common.decorators import staff_required
from common.views import StaffRequiredMixin
from core.models import Section
from gradebook.calc import letter_for, section_average
from gradebook.forms import AssignmentForm, ScoreEntryForm
from gradebook.models import Assignment, Score


def _check_teacher(request, section):
    staff = getattr(request.user, "staff_profile", None)
    if request.user.is_superuser or (staff and staff.role in ("admin", "counsellor")):
        return
    if staff is None or section.teacher_id != staff.id:
        raise Http404("Not your section")


class GradebookView(StaffRequiredMixin, TemplateView):
    template_name = "gradebook/grid.html"

    def get_context_data(self, section_id, **kwargs):
        ctx = super(GradebookView, self).get_context_data(**kwargs)
        section = get_object_or_404(Section.objects.select_related("course", "term"), pk=section_id)
        _check_teacher(self.request, section)
        students = section.roster()
        assignments = list(Assignment.objects.filter(section=section).select_related("category"))
        scores = {}
        for score in Score.objects.filter(assignment__section=section):
            scores[(score.student_id, score.assignment_id)] = score
        rows = []
        for student in students:
            avg = section_average(section, student)
            rows.append({"student": student,
                         "cells": [scores.get((student.id, a.id)) for a in assignments],
                         "average": avg, "letter": letter_for(avg)})
        ctx.update(section=section, assignments=assignments, rows=rows)
        return ctx


@staff_required
def assignment_create(request, section_id):
    section = get_object_or_404(Section, pk=section_id)
    _check_teacher(request, section)
    form = AssignmentForm(section, request.POST or None)
    if request.method == "POST" and form.is_valid():
        assignment = form.save(commit=False)
        assignment.section = section
        assignment.save()
        return redirect("enter-scores", pk=assignment.pk)
    return render(request, "gradebook/assignment_form.html", {"form": form, "section": section})


@staff_required
def enter_scores(request, pk):
    assignment = get_object_or_404(Assignment.objects.select_related("section", "term"), pk=pk)
    _check_teacher(request, assignment.section)
    students = assignment.section.roster()
    existing = dict((s.student_id, s) for s in assignment.scores.all())
    form = ScoreEntryForm(assignment, students, request.POST or None, existing=existing)
    if request.method == "POST":
        if assignment.term.grades_locked:
            messages.error(request, "Grades for %s are locked" % assignment.term)
        elif form.is_valid():
            for student in students:
                flag = form.cleaned_data.get("flag_%d" % student.id) or ""
                Score.objects.update_or_create(
                    assignment=assignment, student=student,
                    defaults={"points": form.cleaned_data.get("pts_%d" % student.id),
                              "missing": flag == "missing", "excused": flag == "excused",
                              "late": flag == "late"})
            messages.success(request, "Scores saved")
            return redirect("gradebook", section_id=assignment.section_id)
    return render(request, "gradebook/scores.html", {"form": form, "assignment": assignment})
