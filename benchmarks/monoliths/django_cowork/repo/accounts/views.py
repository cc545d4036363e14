from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.urls import reverse

from accounts.tokens import make_magic_token, read_magic_token
from common.emails import send_templated_email
from common.utils import get_client_ip
from members.models import Member


def _post_login_redirect(request, user):
    if user.is_staff:
        return redirect("dashboard:home")
    member = getattr(user, "member", None)
    if member and member.suspended:
        messages.warning(request, "Your account is suspended: please settle outstanding invoices.")
        return redirect("core:invoice_list")
    if member and not member.has_active_membership:
        messages.info(request, "You have no active membership.")
    return redirect(request.GET.get("next") or "members:home")


def login_view(request):
    if request.method == "POST":
        user = authenticate(request, username=request.POST.get("email"), password=request.POST.get("password"))
        if user is not None:
            login(request, user)
            request.session["login_ip"] = get_client_ip(request)
            return _post_login_redirect(request, user)
        messages.error(request, "Wrong email or password")
    return render(request, "accounts/login.html")


def logout_view(request):
    logout(request)
    return redirect("accounts:login")


def send_magic_link(request):
    if request.method == "POST":
        member = Member.objects.filter(email__iexact=request.POST.get("email", "")).select_related("user").first()
        if member and member.user.is_active:
            url = request.build_absolute_uri(reverse("accounts:magic", args=[make_magic_token(member)]))
            send_templated_email(member.email, "magic_link", {"member": member, "url": url})
        # same message either way, don't leak who is a member
        messages.info(request, "If that address belongs to a member, a login link is on its way.")
        return redirect("accounts:login")
    return render(request, "accounts/magic_link.html")


def magic_link_login(request, token):
    data = read_magic_token(token)
    member = Member.objects.filter(pk=data["m"], email=data["e"]).select_related("user").first() if data else None
    if member is None:
        messages.error(request, "That link has expired.")
        return redirect("accounts:login")
    login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
    return _post_login_redirect(request, member.user)
