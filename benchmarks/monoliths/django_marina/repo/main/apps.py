from django.apps import AppConfig


class MainConfig(AppConfig):
    name = 'main'
    verbose_name = 'Marina'

    def ready(self):
        from . import signals  # noqa
