from django.conf import settings


def site_settings(request):
    return {"CHARITY_NAME": settings.CHARITY_NAME, "CHARITY_NUMBER": settings.CHARITY_NUMBER}


def basket_count(request):
    if not request.path.startswith("/shop"):
        return {}
    from web.models import Order
    key = request.session.session_key
    if not key:
        return {"basket_count": 0}
    order = Order.objects.filter(session_key=key, status="basket").first()
    return {"basket_count": sum(l.qty for l in order.lines.all()) if order else 0}
