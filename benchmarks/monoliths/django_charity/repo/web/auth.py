from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


def staff_login(request):
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if not user.is_staff:
            form.add_error(None, "Staff accounts only")
        else:
            login(request, user)
            nxt = request.GET.get("next", "/staff/")
            if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
                nxt = "/staff/"
            return redirect(nxt)
    return render(request, "web/staff_login.html", {"form": form})


def staff_logout(request):
    logout(request)
    return redirect("/")

