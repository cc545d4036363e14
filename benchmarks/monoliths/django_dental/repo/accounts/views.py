import datetime

from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts import payments, rota
from accounts.decorators import practice_required, role_required
from accounts.forms import LeaveRequestForm, LoginForm, PaymentForm, PaymentPlanForm
from accounts.models import LeaveRequest, Payment, PaymentPlan, Practice, StaffMember
from office.models import Invoice
from utils.dates import parse_date_loose, today_local
from utils.money import split_amount
from utils.pdf import PdfResponse, render_pdf


def login_view(request):
    form = LoginForm(request, data=request.POST or None)
    if request.method == 'POST' and form.is_valid():
        login(request, form.get_user())
        if not form.cleaned_data.get('remember_me'):
            request.session.set_expiry(0)
        return redirect(request.GET.get('next') or '/office/diary/')
    return render(request, 'accounts/login.html', {'form': form})


@require_POST
def pin_login(request):
    user = authenticate(request, staff_id=request.POST.get('staff_id'), pin=request.POST.get('pin'))
    if user is None:
        messages.error(request, 'Wrong PIN')
        return redirect('accounts:login')
    practice_id = request.session.get('practice_id')
    login(request, user, backend='accounts.backends.PinLoginBackend')
    if practice_id:
        request.session['practice_id'] = practice_id
    return redirect('/office/diary/')


@login_required
def switch_practice(request, practice_id):
    practice = get_object_or_404(Practice, pk=practice_id, is_active=True)
    if not request.user.staff.has_role('admin', 'manager') and request.user.staff.practice_id != practice.pk:
        return HttpResponseForbidden()
    request.session['practice_id'] = practice.pk
    return redirect(request.META.get('HTTP_REFERER', '/'))


@login_required
@practice_required
def rota_week(request):
    start = parse_date_loose(request.GET.get('week')) or today_local()
    grid = rota.build_week_rota(request.practice, start)
    conflicts = rota.check_rota_conflicts(request.practice, grid.days[0], grid.days[-1])
    # shifts are edited in the admin for now (TODO drag & drop editor)
    return render(request, 'accounts/rota_week.html', {'grid': grid, 'conflicts': conflicts})


@login_required
def leave_request_create(request):
    form = LeaveRequestForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        lr = form.save(commit=False)
        lr.staff = request.user.staff
        lr.save()
        messages.success(request, 'Leave request submitted')
        return redirect('accounts:my_leave')
    mine = LeaveRequest.objects.filter(staff=request.user.staff).order_by('-start_date')
    return render(request, 'accounts/leave.html', {'form': form, 'requests': mine})


@login_required
@require_POST
def leave_decide(request, pk):
    lr = get_object_or_404(LeaveRequest, pk=pk, status='pending')
    approver = request.user.staff
    if not approver.can_approve_leave:
        return HttpResponseForbidden()
    if request.POST.get('decision') == 'approve':
        cancelled = rota.approve_leave(lr, approver)
        if cancelled:
            messages.warning(request, '%d appointments cancelled and put on the waiting list' % len(cancelled))
    else:
        LeaveRequest.objects.filter(pk=pk).update(status='declined', approved_by=approver)
    return redirect('accounts:leave_admin')


@login_required
def staff_profile(request, pk=None):
    staff = get_object_or_404(StaffMember, pk=pk) if pk else request.user.staff
    return render(request, 'accounts/profile.html', {
        'staff': staff, 'qualifications': staff.qualifications.order_by('expires_on'),
        'upcoming_shifts': staff.shifts.filter(date__gte=today_local())[:14],
    })


# ---------------------------------------------------------------- payments
# (these used to live in office/ but were moved here when the card terminal went in)

@login_required
@practice_required
def take_payment(request, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id)
    form = PaymentForm(request.POST or None, initial={'amount': invoice.balance})
    if request.method == 'POST' and form.is_valid():
        cd = form.cleaned_data
        try:
            if cd['method'] == 'card' and cd.get('terminal_id'):
                p = payments.charge_card(invoice, cd['amount'], cd['terminal_id'], request.user.staff)
            else:
                p = payments.record_payment(invoice.patient, cd['amount'], cd['method'], invoice=invoice,
                                            staff=request.user.staff, reference=cd.get('reference', ''))
        except payments.CardTerminalError as e:
            messages.error(request, 'Card declined: %s' % e)
        else:
            return redirect('accounts:receipt', pk=p.pk)
    return render(request, 'accounts/take_payment.html', {'form': form, 'invoice': invoice})


@login_required
def payment_receipt(request, pk):
    p = get_object_or_404(Payment.objects.select_related('patient', 'invoice', 'practice'), pk=pk)
    if request.GET.get('pdf'):
        return PdfResponse(render_pdf('accounts/receipt_pdf.html', {'payment': p}), filename='receipt-%s.pdf' % p.pk)
    return render(request, 'accounts/receipt.html', {'payment': p})


@login_required
@role_required('manager', 'billing')
def refund_payment(request, pk):
    p = get_object_or_404(Payment, pk=pk, is_refund=False)
    if request.method == 'POST':
        try:
            payments.refund_payment(p, request.POST.get('amount') or p.amount, request.POST.get('reason', ''),
                                    request.user.staff)
        except Exception as e:
            messages.error(request, 'Refund failed: %s' % e)
        return redirect('office:invoice_detail', pk=p.invoice_id)
    return render(request, 'accounts/refund.html', {'payment': p})


@login_required
@role_required('manager', 'billing', 'receptionist')
def payment_plan_setup(request, invoice_id):
    invoice = get_object_or_404(Invoice, pk=invoice_id)
    form = PaymentPlanForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        plan = form.save(commit=False)
        plan.patient = invoice.patient
        plan.invoice = invoice
        plan.total = invoice.balance
        amounts = split_amount(plan.total - plan.deposit, plan.instalments)
        plan.instalment_amount = amounts[0] if amounts else 0
        plan.next_due = plan.start_date
        plan.card_token = request.POST.get('card_token', '')
        plan.save()
        return redirect('office:invoice_detail', pk=invoice.pk)
    return render(request, 'accounts/payment_plan.html', {'form': form, 'invoice': invoice})
