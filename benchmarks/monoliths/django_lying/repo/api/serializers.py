"""Hand-written serializers (we never got around to DRF)."""


def serialize_user(user):
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.display_name(),
        "role": user.role,
        "verified": user.email_verified,
    }


def serialize_course(course, detail=False):
    data = {
        "id": course.pk,
        "slug": course.slug,
        "title": course.title,
        "summary": course.summary,
        "level": course.level,
        "price": course.price_display(),
        "price_cents": course.price_cents,
        "rating": float(course.rating_avg),
        "instructor": course.instructor.display_name(),
    }
    if detail:
        data["description"] = course.description
        data["tags"] = [t.name for t in course.tags.all()]
        data["lessons"] = [serialize_lesson(lesson) for lesson in course.lessons.all()]
    return data


def serialize_lesson(lesson, with_body=False):
    data = {
        "id": lesson.pk,
        "slug": lesson.slug,
        "title": lesson.title,
        "kind": lesson.kind,
        "minutes": lesson.duration_minutes,
        "preview": lesson.is_preview,
    }
    if with_body:
        data["body"] = lesson.body
        data["video_url"] = lesson.video_url
        data["attachments"] = [
            {"title": a.title, "url": a.file.url, "size": a.size_bytes}
            for a in lesson.attachments.all()
        ]
    return data


def serialize_quiz(quiz, reveal=False):
    questions = []
    for question in quiz.questions.all():
        choices = [{"id": c.id, "text": c.text} for c in question.choices.all()]
        if reveal:
            for c, original in zip(choices, question.choices.all()):
                c["correct"] = original.is_correct
        questions.append(
            {"id": question.id, "text": question.text, "kind": question.kind, "choices": choices}
        )
    return {
        "id": quiz.pk,
        "title": quiz.title,
        "pass_mark": quiz.pass_mark,
        "time_limit": quiz.time_limit_minutes,
        "questions": questions,
    }


def serialize_attempt(attempt):
    return {
        "id": attempt.pk,
        "quiz": attempt.quiz_id,
        "score": attempt.score,
        "passed": attempt.passed,
        "started_at": attempt.started_at.isoformat(),
        "finished_at": attempt.finished_at.isoformat() if attempt.finished_at else None,
    }
