import json

from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from api import serializers
from api.models import ApiToken, Quiz, QuizAttempt
from api.utils import api_auth, attempts_left, score_attempt
from common.utils import json_error, json_ok, paginate
from core.models import Course, PublishedCourse
from main.models import Enrollment, Lesson
from main.services import can_access_course, complete_course_if_done


@csrf_exempt
@require_POST
def issue_token(request):
    body = json.loads(request.body or "{}")
    user = authenticate(request, email=body.get("email", ""), password=body.get("password", ""))
    if user is None:
        return json_error("bad credentials", status=401)
    token = ApiToken.objects.create(user=user, label=body.get("label", "mobile"))
    return json_ok({"token": token.key})


@csrf_exempt
@api_auth
@require_POST
def revoke_token(request):
    ApiToken.objects.filter(user=request.api_user).update(revoked=True)
    return json_ok()


@api_auth
def me(request):
    return json_ok(serializers.serialize_user(request.api_user))


@require_GET
def courses(request):
    qs = PublishedCourse.objects.select_related("instructor").order_by("-published_at")
    if request.GET.get("category"):
        qs = qs.filter(category__slug=request.GET["category"])
    page = paginate(qs, request.GET.get("page"), per_page=50)
    return json_ok(
        [serializers.serialize_course(c) for c in page.object_list],
        page=page.number,
        pages=page.paginator.num_pages,
    )


@require_GET
def course(request, slug):
    obj = get_object_or_404(
        Course.objects.select_related("instructor").prefetch_related("tags", "lessons"),
        slug=slug,
        status=Course.PUBLISHED,
    )
    return json_ok(serializers.serialize_course(obj, detail=True))


@api_auth
def my_enrollments(request):
    rows = Enrollment.objects.filter(user=request.api_user).select_related("course__instructor")
    return json_ok(
        [
            {"course": serializers.serialize_course(e.course), "status": e.status}
            for e in rows
        ]
    )


@api_auth
def lesson(request, lesson_id):
    obj = get_object_or_404(Lesson.objects.select_related("course"), pk=lesson_id)
    if not obj.is_preview and not can_access_course(request.api_user, obj.course):
        return json_error("no access", status=403)
    return json_ok(serializers.serialize_lesson(obj, with_body=True))


@api_auth
def quiz_detail(request, quiz_id):
    quiz = get_object_or_404(Quiz.objects.select_related("lesson__course"), pk=quiz_id)
    if not can_access_course(request.api_user, quiz.lesson.course):
        return json_error("no access", status=403)
    data = serializers.serialize_quiz(quiz)
    data["attempts_left"] = attempts_left(quiz, request.api_user)
    return json_ok(data)


@csrf_exempt
@api_auth
@require_POST
def start_attempt(request, quiz_id):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    if attempts_left(quiz, request.api_user) <= 0:
        return json_error("no attempts left", status=409, code="attempts")
    attempt = QuizAttempt.objects.create(quiz=quiz, user=request.api_user)
    return json_ok({"attempt": attempt.pk})


@csrf_exempt
@api_auth
@require_POST
def submit_attempt(request, attempt_id):
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("quiz__lesson"), pk=attempt_id, user=request.api_user
    )
    if attempt.finished_at is not None:
        return json_error("attempt already submitted", status=409)
    if attempt.is_overdue():
        attempt.score = 0
        attempt.save(update_fields=["score"])
        return json_error("time is up", status=409, code="overdue")
    body = json.loads(request.body or "{}")
    score_attempt(attempt, body.get("choices", []))
    enrollment = Enrollment.objects.filter(
        user=request.api_user, course_id=attempt.quiz.lesson.course_id
    ).first()
    if enrollment and attempt.passed:
        complete_course_if_done(enrollment)
    reveal = serializers.serialize_quiz(attempt.quiz, reveal=True)
    return json_ok(serializers.serialize_attempt(attempt), review=reveal)


@api_auth
def leaderboard(request, quiz_id):
    rows = QuizAttempt.objects.raw(
        """
        SELECT a.id, a.user_id, MAX(a.score) AS score
        FROM api_quizattempt a
        WHERE a.quiz_id = %s AND a.finished_at IS NOT NULL
        GROUP BY a.id, a.user_id
        ORDER BY score DESC
        LIMIT 20
        """,
        [quiz_id],
    )
    return json_ok([{"user": r.user.display_name(), "score": r.score} for r in rows])


@require_GET
def verify_certificate(request, code):
    from legacy.models import Certificate

    cert = Certificate.objects.filter(code=code).select_related("user", "course").first()
    if cert is None or cert.revoked_at is not None:
        return json_error("not found", status=404)
    return json_ok(
        {
            "code": cert.code,
            "name": cert.holder_name,
            "course": cert.course.title,
            "issued": cert.issued_at.date().isoformat(),
            "grade": cert.grade,
        }
    )
