from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel
from common.utils import make_token


class ApiToken(models.Model):
    user = models.ForeignKey("common.Member", on_delete=models.CASCADE, related_name="api_tokens")
    key = models.CharField(max_length=64, unique=True, default=make_token)
    label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def is_valid(self):
        if self.revoked:
            return False
        return self.created_at >= timezone.now() - timedelta(days=settings.API_TOKEN_TTL_DAYS)


class Quiz(TimeStampedModel):
    lesson = models.ForeignKey("main.Lesson", on_delete=models.CASCADE, related_name="quizzes")
    title = models.CharField(max_length=200)
    pass_mark = models.PositiveIntegerField(default=settings.PASSING_GRADE)
    max_attempts = models.PositiveIntegerField(default=settings.MAX_QUIZ_ATTEMPTS)
    time_limit_minutes = models.PositiveIntegerField(null=True, blank=True)
    shuffle = models.BooleanField(default=True)

    class Meta:
        verbose_name_plural = "quizzes"

    def __str__(self):
        return self.title


class Question(models.Model):
    SINGLE = "single"
    MULTIPLE = "multiple"

    quiz = models.ForeignKey("api.Quiz", on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    kind = models.CharField(max_length=10, default=SINGLE)
    points = models.PositiveIntegerField(default=1)
    position = models.PositiveIntegerField(default=0)
    explanation = models.TextField(blank=True)

    class Meta:
        db_table = "quiz_questions"
        ordering = ["position"]


class Choice(models.Model):
    question = models.ForeignKey("api.Question", on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    is_correct = models.BooleanField(default=False)


class QuizAttempt(models.Model):
    quiz = models.ForeignKey("api.Quiz", on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey("common.Member", on_delete=models.CASCADE)
    selected_choices = models.ManyToManyField("api.Choice", blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveIntegerField(null=True, blank=True)

    @property
    def passed(self):
        return self.score is not None and self.score >= self.quiz.pass_mark

    def is_overdue(self):
        limit = self.quiz.time_limit_minutes
        return bool(limit) and timezone.now() > self.started_at + timedelta(minutes=limit)
