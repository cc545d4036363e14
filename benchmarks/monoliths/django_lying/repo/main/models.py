from django.conf import settings
from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel


class Cohort(models.Model):
    course = models.ForeignKey("core.Course", on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=100)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)

    def seats_left(self):
        if self.capacity is None:
            return None
        return self.capacity - self.enrollment_set.exclude(status=Enrollment.DROPPED).count()


class Enrollment(TimeStampedModel):
    ACTIVE = "active"
    COMPLETED = "completed"
    DROPPED = "dropped"
    STATUSES = ((ACTIVE, "Active"), (COMPLETED, "Completed"), (DROPPED, "Dropped"))

    user = models.ForeignKey("common.Member", on_delete=models.CASCADE)
    course = models.ForeignKey("core.Course", on_delete=models.PROTECT)
    cohort = models.ForeignKey("main.Cohort", null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=20, choices=STATUSES, default=ACTIVE)
    source = models.CharField(max_length=20, default="free")
    completed_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "enrollments"
        unique_together = ("user", "course")

    def __str__(self):
        return "%s in %s" % (self.user_id, self.course_id)

    def touch(self):
        self.last_activity_at = timezone.now()
        self.save(update_fields=["last_activity_at"])


class EnrollmentLog(models.Model):
    enrollment = models.ForeignKey("main.Enrollment", on_delete=models.CASCADE)
    event = models.CharField(max_length=40)
    note = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(default=timezone.now)


class Lesson(TimeStampedModel):
    VIDEO = "video"
    TEXT = "text"
    ASSIGNMENT = "assignment"
    KINDS = ((VIDEO, "Video"), (TEXT, "Text"), (ASSIGNMENT, "Assignment"))

    course = models.ForeignKey("core.Course", on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(max_length=200)
    slug = models.SlugField()
    kind = models.CharField(max_length=20, choices=KINDS, default=VIDEO)
    body = models.TextField(blank=True)
    video_url = models.URLField(blank=True)
    duration_minutes = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    is_preview = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        unique_together = ("course", "slug")

    def __str__(self):
        return self.title


class LessonAttachment(models.Model):
    lesson = models.ForeignKey("main.Lesson", on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="attachments/%Y/%m/")
    size_bytes = models.PositiveIntegerField(default=0)


class LessonProgress(models.Model):
    enrollment = models.ForeignKey("main.Enrollment", on_delete=models.CASCADE)
    lesson = models.ForeignKey("main.Lesson", on_delete=models.CASCADE)
    completed = models.BooleanField(default=False)
    seconds_watched = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = ("enrollment", "lesson")


class Submission(TimeStampedModel):
    lesson = models.ForeignKey("main.Lesson", on_delete=models.CASCADE)
    enrollment = models.ForeignKey("main.Enrollment", on_delete=models.CASCADE)
    text = models.TextField(blank=True)
    attachment = models.FileField(upload_to="submissions/%Y/%m/", blank=True)
    score = models.PositiveIntegerField(null=True, blank=True)
    feedback = models.TextField(blank=True)
    graded_by = models.ForeignKey(
        "common.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    graded_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_graded(self):
        return self.score is not None


class Review(TimeStampedModel):
    course = models.ForeignKey("core.Course", on_delete=models.CASCADE, related_name="reviews")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    hidden = models.BooleanField(default=False)

    class Meta:
        unique_together = ("course", "user")
