# Make sure the celery app is loaded when Django starts so that
# @shared_task picks it up.
from .celery import app as celery_app

__all__ = ("celery_app",)
