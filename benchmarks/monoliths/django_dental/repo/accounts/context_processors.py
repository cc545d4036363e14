def current_practice(request):
    staff = getattr(getattr(request, 'user', None), 'staff', None) if request.user.is_authenticated else None
    if staff is None:
        return {}
    practice = getattr(request, 'practice', None) or staff.practice
    return {'current_practice': practice, 'current_staff': staff}
