from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Members & memberships"

    def ready(self):
        from core import signals  # noqa: F401
