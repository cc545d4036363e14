from functools import wraps

from django.utils import timezone

from api.models import ApiToken, Choice, QuizAttempt
from common.utils import json_error


def get_token_user(request):
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Token "):
        return None
    token = (
        ApiToken.objects.filter(key=header[6:].strip(), revoked=False).select_related("user").first()
    )
    if token is None or not token.is_valid():
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def api_auth(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = get_token_user(request)
        if user is None and request.user.is_authenticated:
            user = request.user
        if user is None:
            return json_error("invalid or missing token", status=401, code="auth")
        request.api_user = user
        return view(request, *args, **kwargs)

    return wrapper


def score_attempt(attempt, chosen_ids):
    """Percentage score; a multiple-choice question scores only when exactly right."""
    chosen = set(int(c) for c in chosen_ids)
    total = earned = 0
    for question in attempt.quiz.questions.prefetch_related("choices"):
        correct = {c.id for c in question.choices.all() if c.is_correct}
        picked = {c.id for c in question.choices.all() if c.id in chosen}
        total += question.points
        if picked and picked == correct:
            earned += question.points
    attempt.selected_choices.set(Choice.objects.filter(pk__in=chosen))
    attempt.score = round(100 * earned / total) if total else 0
    attempt.finished_at = timezone.now()
    attempt.save()
    return attempt.score


def attempts_left(quiz, user):
    used = QuizAttempt.objects.filter(quiz=quiz, user=user, finished_at__isnull=False).count()
    return max(quiz.max_attempts - used, 0)
