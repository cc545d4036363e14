from django.apps import AppConfig


class MainConfig(AppConfig):
    name = "main"
    verbose_name = "Parking"

    def ready(self):
        from main import signals  # noqa: F401
