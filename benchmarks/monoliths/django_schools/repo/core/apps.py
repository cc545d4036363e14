from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Students, staff & sections"

    def ready(self):
        from core import signals  # noqa
