from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "legacy"
    verbose_name = "FitDesk (doors & shop)"

    def ready(self):
        from legacy import signals  # noqa: F401
