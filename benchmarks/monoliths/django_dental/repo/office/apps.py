from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = 'office'
    verbose_name = 'Front office'

    def ready(self):
        from . import signals  # noqa
