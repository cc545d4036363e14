from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render


def login_view(request):
    if request.method == 'POST':
        user = authenticate(request, username=request.POST.get('username'), password=request.POST.get('password'))
        if user is not None and user.is_active:
            login(request, user)
            if user.is_staff:
                return redirect(request.GET.get('next') or 'dashboard')
            return redirect('portal_home')
        messages.error(request, 'Invalid login')
    return render(request, 'accounts/login.html')


def logout_view(request):
    logout(request)
    return redirect('login')

