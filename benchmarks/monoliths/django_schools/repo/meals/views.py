from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import ListView

from common.decorators import role_required, staff_required
from common.views import StaffRequiredMixin
from core.models import Student
from meals.billing import apply_eligibility, deposit, get_or_create_account
from meals.forms import CashDepositForm
from meals.models import FreeMealApplication


@staff_required
def account_detail(request, student_id):
    student = get_object_or_404(Student, pk=student_id)
    account = get_or_create_account(student)
    return render(request, "meals/account.html",
                  {"student": student, "account": account, "transactions": account.transactions.all()[:50],
                   "applications": student.meal_applications.all()})


@role_required("cafeteria", "office", "admin")
def deposit_cash(request, student_id):
    student = get_object_or_404(Student, pk=student_id)
    account = get_or_create_account(student)
    form = CashDepositForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        deposit(account, form.cleaned_data["amount"], reference=form.cleaned_data["reference"] or "cash",
                cashier=request.user.staff_profile)
        messages.success(request, "Deposit recorded")
        return redirect("meal-account", student_id=student.pk)
    return render(request, "meals/deposit.html", {"form": form, "account": account})


class ApplicationListView(StaffRequiredMixin, ListView):
    template_name = "meals/applications.html"
    paginate_by = 50

    def get_queryset(self):
        status = self.request.GET.get("status", "pending")
        return FreeMealApplication.objects.filter(status=status).select_related("student", "guardian")


@role_required("cafeteria", "admin")
def decide_application(request, pk):
    application = get_object_or_404(FreeMealApplication, pk=pk)
    if request.method == "POST":
        result = apply_eligibility(application, by=request.user.staff_profile)
        messages.success(request, "Application %s: %s" % (application.pk, result))
        return redirect("meal-applications")
    return render(request, "meals/decide.html", {"application": application})
