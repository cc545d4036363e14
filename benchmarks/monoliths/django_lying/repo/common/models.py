from datetime import timedelta

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    """Base for nearly everything. Do not add fields here without a migration plan."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class MemberManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("email is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("role", Member.ROLE_STAFF)
        return self.create_user(email, password, **extra)

    def instructors(self):
        return self.filter(role=Member.ROLE_INSTRUCTOR, is_active=True)


class Member(AbstractBaseUser, TimeStampedModel):
    # the table kept its name from the first version of the site (app "accounts")
    ROLE_STUDENT = "student"
    ROLE_INSTRUCTOR = "instructor"
    ROLE_STAFF = "staff"
    ROLES = (
        (ROLE_STUDENT, "Student"),
        (ROLE_INSTRUCTOR, "Instructor"),
        (ROLE_STAFF, "Staff"),
    )

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=20, choices=ROLES, default=ROLE_STUDENT)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    email_verified = models.BooleanField(default=False)
    stripe_customer_id = models.CharField(max_length=64, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = MemberManager()

    class Meta:
        db_table = "accounts_user"

    def __str__(self):
        return self.email

    @property
    def is_instructor(self):
        return self.role == self.ROLE_INSTRUCTOR or self.is_staff

    def has_perm(self, perm, obj=None):
        return self.is_staff

    def has_module_perms(self, app_label):
        return self.is_staff

    def display_name(self):
        return self.full_name or self.email.split("@")[0]


class Profile(TimeStampedModel):
    user = models.OneToOneField("common.Member", on_delete=models.CASCADE, related_name="profile")
    bio = models.TextField(blank=True)
    avatar_url = models.URLField(blank=True)
    timezone = models.CharField(max_length=64, default="UTC")
    country = models.CharField(max_length=2, blank=True)
    marketing_opt_in = models.BooleanField(default=False)
    headline = models.CharField(max_length=120, blank=True)

    def __str__(self):
        return "Profile of %s" % self.user_id


class EmailVerification(models.Model):
    user = models.ForeignKey("common.Member", on_delete=models.CASCADE)
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    TTL = timedelta(days=3)

    def is_expired(self):
        return self.used_at is not None or timezone.now() - self.created_at > self.TTL
