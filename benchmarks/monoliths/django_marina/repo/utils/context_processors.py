from django.conf import settings


def marina_globals(request):
    return {
        'MARINA_NAME': settings.MARINA_NAME,
        'DEBUG': settings.DEBUG,
    }
