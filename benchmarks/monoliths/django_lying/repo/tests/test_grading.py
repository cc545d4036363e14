import pytest

from api.models import Choice, Question, Quiz, QuizAttempt
from api.utils import score_attempt
from core.models import Course
from main.models import Lesson


@pytest.mark.django_db
def test_multiple_choice_question_needs_every_right_answer(django_user_model):
    user = django_user_model.objects.create_user("s@example.com", "pw123456")
    course = Course.objects.create(title="Py", slug="py", instructor=user)
    lesson = Lesson.objects.create(course=course, title="L1", slug="l1")
    quiz = Quiz.objects.create(lesson=lesson, title="Q")
    q1 = Question.objects.create(quiz=quiz, text="pick two", kind=Question.MULTIPLE)
    a = Choice.objects.create(question=q1, text="a", is_correct=True)
    Choice.objects.create(question=q1, text="b", is_correct=True)
    q2 = Question.objects.create(quiz=quiz, text="pick one")
    c = Choice.objects.create(question=q2, text="c", is_correct=True)
    attempt = QuizAttempt.objects.create(quiz=quiz, user=user)

    assert score_attempt(attempt, [a.id, c.id]) == 50
    assert attempt.finished_at is not None
