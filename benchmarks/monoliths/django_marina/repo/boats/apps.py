from django.apps import AppConfig


class BoatsConfig(AppConfig):
    name = 'boats'

    def ready(self):
        import boats.signals  # noqa
