"""Abstract base models shared by every app.

Nothing in here should have a table of its own.
"""
import uuid

from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    """created/updated timestamps. Use this for basically everything."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        get_latest_by = 'created_at'


class AuditFieldsMixin(models.Model):
    """Who touched the row. We store usernames, not FKs, because the
    old user table was migrated twice and FKs kept breaking."""

    created_by = models.CharField(max_length=150, blank=True, default='')
    updated_by = models.CharField(max_length=150, blank=True, default='')

    class Meta:
        abstract = True

    def stamp(self, username):
        if not self.pk and not self.created_by:
            self.created_by = username or ''
        self.updated_by = username or ''


class SoftDeleteQuerySet(models.QuerySet):
    def delete(self):
        return super(SoftDeleteQuerySet, self).update(deleted_at=timezone.now())

    def hard_delete(self):
        return super(SoftDeleteQuerySet, self).delete()

    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def dead(self):
        return self.exclude(deleted_at__isnull=True)


class SoftDeleteManager(models.Manager):
    def __init__(self, *args, **kwargs):
        self.alive_only = kwargs.pop('alive_only', True)
        super(SoftDeleteManager, self).__init__(*args, **kwargs)

    def get_queryset(self):
        if self.alive_only:
            return SoftDeleteQuerySet(self.model, using=self._db).filter(deleted_at__isnull=True)
        return SoftDeleteQuerySet(self.model, using=self._db)

    def hard_delete(self):
        return self.get_queryset().hard_delete()


class SoftDeleteModel(models.Model):
    deleted_at = models.DateTimeField(blank=True, null=True)

    objects = SoftDeleteManager()
    all_objects = SoftDeleteManager(alive_only=False)

    class Meta:
        abstract = True

    def delete(self, using=None, keep_parents=False):
        self.deleted_at = timezone.now()
        self.save(update_fields=['deleted_at'])

    def hard_delete(self):
        return super(SoftDeleteModel, self).delete()

    def restore(self):
        self.deleted_at = None
        self.save(update_fields=['deleted_at'])


class PublicIdMixin(models.Model):
    """Opaque id to put in URLs and e-mails instead of the integer pk."""

    public_id = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)

    class Meta:
        abstract = True


class ReferenceNumberMixin(object):
    """Plain mixin (not a model) that builds human readable references
    like INV-2019-000123. Subclasses set REF_PREFIX."""

    REF_PREFIX = 'REF'
    REF_WIDTH = 6

    def build_reference(self, year=None, seq=None):
        year = year or timezone.now().year
        seq = seq if seq is not None else (self.pk or 0)
        return '{0}-{1}-{2}'.format(self.REF_PREFIX, year, str(seq).zfill(self.REF_WIDTH))
