from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Leases & rent"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        from core import signals  # noqa: F401
