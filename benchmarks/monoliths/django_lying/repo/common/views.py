from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.models import EmailVerification, Member, Profile
from common.utils import client_ip, make_token, send_templated_email, user_has_active_subscription


def signup(request):
    if request.method != "POST":
        return render(request, "accounts/signup.html")
    email = request.POST.get("email", "").strip().lower()
    password = request.POST.get("password", "")
    if not email or len(password) < 8:
        messages.error(request, "Email and a password of 8+ characters are required.")
        return render(request, "accounts/signup.html", status=400)
    if Member.objects.filter(email=email).exists():
        messages.error(request, "That email is already registered.")
        return render(request, "accounts/signup.html", status=400)
    user = Member.objects.create_user(email, password, full_name=request.POST.get("name", ""))
    Profile.objects.create(user=user, country=request.POST.get("country", "")[:2])
    send_verification_email(user)
    login(request, user)
    return redirect("dashboard")


def send_verification_email(user):
    verification = EmailVerification.objects.create(user=user, token=make_token())
    return send_templated_email(
        user.email, "verify_email", {"user": user, "token": verification.token}
    )


def login_view(request):
    if request.method == "POST":
        user = authenticate(
            request,
            email=request.POST.get("email", "").lower(),
            password=request.POST.get("password", ""),
        )
        if user is not None:
            login(request, user)
            request.session["login_ip"] = client_ip(request)
            return redirect(request.GET.get("next") or "dashboard")
        messages.error(request, "Wrong email or password.")
    return render(request, "accounts/login.html")


def logout_view(request):
    logout(request)
    return redirect("/")


def verify_email(request, token):
    verification = get_object_or_404(EmailVerification, token=token)
    if verification.is_expired():
        messages.error(request, "This link has expired, we sent you a new one.")
        send_verification_email(verification.user)
        return redirect("/")
    verification.used_at = timezone.now()
    verification.save(update_fields=["used_at"])
    Member.objects.filter(pk=verification.user_id).update(email_verified=True)
    messages.success(request, "Email verified, thanks!")
    return redirect("dashboard")


@login_required
def profile(request):
    prof, _ = Profile.objects.get_or_create(user=request.user)
    return render(request, "accounts/profile.html", {"profile": prof})


@login_required
@require_POST
def update_profile(request):
    prof, _ = Profile.objects.get_or_create(user=request.user)
    for field in ("bio", "avatar_url", "timezone", "country", "headline"):
        if field in request.POST:
            setattr(prof, field, request.POST[field])
    prof.marketing_opt_in = request.POST.get("marketing_opt_in") == "on"
    prof.save()
    if request.POST.get("full_name"):
        request.user.full_name = request.POST["full_name"]
        request.user.save(update_fields=["full_name"])
    messages.success(request, "Profile saved.")
    return redirect("profile")


@login_required
def dashboard(request):
    from main.models import Enrollment

    enrollments = (
        Enrollment.objects.filter(user=request.user)
        .exclude(status=Enrollment.DROPPED)
        .select_related("course", "course__instructor")
        .order_by("-updated_at")
    )
    return render(
        request,
        "dashboard.html",
        {
            "enrollments": enrollments,
            "has_subscription": user_has_active_subscription(request.user),
        },
    )
