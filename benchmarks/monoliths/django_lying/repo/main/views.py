from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.decorators import instructor_required, login_required_json
from common.utils import json_ok, paginate
from core.models import Course
from main import services
from main.models import Cohort, Enrollment, Lesson, LessonProgress, Review, Submission


@login_required
@require_POST
def enroll(request, slug):
    course = get_object_or_404(Course, slug=slug, status=Course.PUBLISHED)
    if not course.is_free and not services.can_access_course(request.user, course):
        return redirect("checkout", slug=slug)
    cohort = None
    if request.POST.get("cohort"):
        cohort = get_object_or_404(Cohort, pk=request.POST["cohort"], course=course)
    try:
        services.enroll_user(request.user, course, source="subscription" if not course.is_free else "free", cohort=cohort)
    except services.EnrollmentClosed:
        messages.error(request, "Sorry, this cohort is full.")
        return redirect("course_detail", slug=slug)
    return redirect("lesson_list", slug=slug)


@login_required
@require_POST
def unenroll(request, slug):
    enrollment = get_object_or_404(Enrollment, user=request.user, course__slug=slug)
    services.drop_enrollment(enrollment, reason=request.POST.get("reason", ""))
    messages.info(request, "You left %s." % enrollment.course.title)
    return redirect("dashboard")


@login_required
def my_courses(request):
    enrollments = Enrollment.objects.filter(user=request.user).select_related("course")
    status = request.GET.get("status")
    if status:
        enrollments = enrollments.filter(status=status)
    return render(request, "learn/my_courses.html", {"page": paginate(enrollments, request.GET.get("page"))})


@login_required
def lesson_list(request, slug):
    course = get_object_or_404(Course, slug=slug)
    enrollment = Enrollment.objects.filter(user=request.user, course=course).first()
    lessons = Lesson.objects.filter(course=course).order_by("position")
    done = set()
    if enrollment:
        done = set(
            LessonProgress.objects.filter(enrollment=enrollment, completed=True).values_list(
                "lesson_id", flat=True
            )
        )
    return render(
        request,
        "learn/lessons.html",
        {"course": course, "lessons": lessons, "done": done, "enrollment": enrollment},
    )


@login_required
def lesson_view(request, slug, lesson_slug):
    lesson = get_object_or_404(
        Lesson.objects.select_related("course").prefetch_related("attachments"),
        course__slug=slug,
        slug=lesson_slug,
    )
    if not lesson.is_preview and not services.can_access_course(request.user, lesson.course):
        return redirect("course_detail", slug=slug)
    enrollment = Enrollment.objects.filter(user=request.user, course=lesson.course).first()
    if enrollment:
        enrollment.touch()
    return render(request, "learn/lesson.html", {"lesson": lesson, "enrollment": enrollment})


@login_required_json
@require_POST
def mark_complete(request, lesson_id):
    lesson = get_object_or_404(Lesson, pk=lesson_id)
    enrollment = get_object_or_404(Enrollment, user=request.user, course_id=lesson.course_id)
    services.mark_lesson_done(enrollment, lesson, seconds=int(request.POST.get("seconds") or 0))
    finished = services.complete_course_if_done(enrollment)
    return json_ok(
        {"ratio": services.completion_ratio(enrollment), "course_completed": finished}
    )


@login_required
@require_POST
def submit_assignment(request, lesson_id):
    lesson = get_object_or_404(Lesson, pk=lesson_id, kind=Lesson.ASSIGNMENT)
    enrollment = get_object_or_404(Enrollment, user=request.user, course_id=lesson.course_id)
    Submission.objects.create(
        lesson=lesson,
        enrollment=enrollment,
        text=request.POST.get("text", ""),
        attachment=request.FILES.get("attachment"),
    )
    enrollment.touch()
    messages.success(request, "Submitted! Your instructor will grade it soon.")
    return redirect("lesson_view", slug=lesson.course.slug, lesson_slug=lesson.slug)


@instructor_required
def grade_submission(request, pk):
    submission = get_object_or_404(
        Submission.objects.select_related("lesson__course", "enrollment__user"), pk=pk
    )
    if submission.lesson.course.instructor_id != request.user.id and not request.user.is_staff:
        return HttpResponseForbidden()
    if request.method == "POST":
        try:
            services.record_grade(
                submission,
                int(request.POST["score"]),
                request.user,
                feedback=request.POST.get("feedback", ""),
            )
        except ValueError as exc:
            messages.error(request, str(exc))
            return render(request, "grading/grade.html", {"submission": submission}, status=400)
        services.complete_course_if_done(submission.enrollment)
        return redirect("gradebook", slug=submission.lesson.course.slug)
    return render(request, "grading/grade.html", {"submission": submission})


@instructor_required
def gradebook(request, slug):
    course = get_object_or_404(Course, slug=slug, instructor=request.user)
    enrollments = Enrollment.objects.filter(course=course).select_related("user")
    rows = []
    for enrollment in enrollments:
        rows.append(
            {
                "enrollment": enrollment,
                "grade": services.final_grade(enrollment),
                "pending": Submission.objects.filter(enrollment=enrollment, score__isnull=True).count(),
            }
        )
    return render(request, "grading/gradebook.html", {"course": course, "rows": rows})


@login_required
@require_POST
def post_review(request, slug):
    from core.services import refresh_course_rating

    course = get_object_or_404(Course, slug=slug)
    if not Enrollment.objects.filter(user=request.user, course=course).exists():
        return HttpResponseForbidden("Enrol first")
    rating = max(1, min(5, int(request.POST.get("rating", 5))))
    Review.objects.update_or_create(
        course=course,
        user=request.user,
        defaults={"rating": rating, "comment": request.POST.get("comment", "")},
    )
    refresh_course_rating(course)
    return redirect("course_detail", slug=slug)
