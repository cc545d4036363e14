from django.apps import AppConfig


class ShopConfig(AppConfig):
    name = 'shop'
    verbose_name = 'Chandlery'

    def ready(self):
        from shop import signals  # noqa
