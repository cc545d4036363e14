from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Events & promoters"

    def ready(self):
        from core import signals  # noqa: F401
