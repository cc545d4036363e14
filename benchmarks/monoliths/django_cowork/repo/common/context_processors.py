from django.conf import settings


def site_settings(request):
    return {
        "SITE_NAME": "Hive Spaces",
        "DEBUG": settings.DEBUG,
        "CURRENCY": settings.DEFAULT_CURRENCY,
    }


def member_context(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    member = getattr(user, "member", None)
    if member is None:
        return {}
    membership = member.memberships.filter(status="active").select_related("plan").first()
    return {"member": member, "current_membership": membership,
            "current_plan": membership.plan if membership else None}
