from django.conf import settings


def box_office(request):
    return {
        "BOX_OFFICE_NAME": "Marquee",
        "CURRENCY": settings.CURRENCY,
        "BOOKING_FEE_PENCE": settings.BOOKING_FEE_PENCE,
    }
