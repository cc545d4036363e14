from django.apps import AppConfig


class MiscConfig(AppConfig):
    name = 'misc'
    verbose_name = 'Miscellaneous'

    def ready(self):
        from misc import signals  # noqa
