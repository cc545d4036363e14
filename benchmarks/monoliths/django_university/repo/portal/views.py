"""Student/applicant self-service portal.

The dashboard pulls a bit from every app. Keep the widgets small."""
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from academics.models import Enrolment, RoomAssignment
from academics.services import current_term
from common.decorators import student_required
from common.utils import feature_enabled, format_money
from exams.gpa import academic_standing, calculate_gpa
from exams.models import Grade
from library.models import Fine, Loan
from main import services as main_services
from main.models import Applicant, Application, Invoice
from portal.forms import ContactDetailsForm, HousingApplicationForm, OnlinePaymentForm, RoomSwapForm
from portal.models import HousingApplication, RoomSwapRequest

logger = logging.getLogger(__name__)


def _finance_widget(student):
    outstanding = Invoice.objects.for_student(student).outstanding()
    return {
        'balance': format_money(outstanding.total_balance()),
        'next_due': outstanding.order_by('due_on').values_list('due_on', flat=True).first(),
        'on_hold': main_services.has_financial_hold(student),
        'invoices': outstanding[:3],
    }


def _library_widget(student):
    loans = Loan.objects.filter(student=student, returned_at__isnull=True).select_related('copy__book')
    fines = Fine.objects.filter(student=student, waived=False, exported_at__isnull=True).aggregate(s=Sum('amount'))
    return {
        'loans': loans[:5],
        'overdue': sum(1 for l in loans if l.is_overdue),
        'fines': format_money(fines['s'] or 0),
    }


def _housing_widget(student, term):
    assignment = (RoomAssignment.objects.filter(student=student, term=term, vacated_on__isnull=True)
                  .select_related('room__hall').first())
    application = HousingApplication.objects.filter(student=student, term=term).first()
    return {'assignment': assignment, 'application': application}


def _grades_widget(student):
    recent = (Grade.objects.filter(student=student, status__in=['published', 'amended'])
              .select_related('section__course').order_by('-published_at')[:5])
    return {'recent': recent, 'gpa': calculate_gpa(student), 'standing': academic_standing(student)}


@student_required
def student_dashboard(request):
    student = request.student
    term = getattr(request, 'term', None) or current_term()
    enrolments = (Enrolment.objects.filter(student=student, section__term=term,
                                           status__in=['enrolled', 'waitlisted'])
                  .select_related('section__course'))
    return render(request, 'portal/dashboard.html', {
        'student': student,
        'term': term,
        'enrolments': enrolments,
        'finance': _finance_widget(student),
        'library': _library_widget(student),
        'housing': _housing_widget(student, term),
        'grades': _grades_widget(student),
    })


@student_required
def update_contact_details(request):
    form = ContactDetailsForm(request.POST or None, instance=request.student)
    if request.method == 'POST' and form.is_valid():
        form.save()
        messages.success(request, 'Contact details updated')
        return redirect('portal:dashboard')
    return render(request, 'portal/contact_details.html', {'form': form})


@login_required
def applicant_home(request):
    applicant = Applicant.objects.filter(user=request.user).first()
    if applicant is None:
        return redirect('admissions:start')
    applications = (Application.objects.filter(applicant=applicant)
                    .select_related('round').prefetch_related('documents', 'interviews'))
    offers = [a.offer for a in applications if hasattr(a, 'offer')]
    return render(request, 'portal/applicant.html', {
        'applicant': applicant, 'applications': applications, 'offers': offers})


@student_required
def apply_for_housing(request):
    term = getattr(request, 'term', None) or current_term()
    existing = HousingApplication.objects.filter(student=request.student, term=term).first()
    if existing and existing.status != 'withdrawn':
        return redirect('portal:housing_status')
    form = HousingApplicationForm(request.POST or None, instance=existing)
    if request.method == 'POST' and form.is_valid():
        application = form.save(commit=False)
        application.student = request.student
        application.term = term
        application.status = 'submitted'
        # first years and accessibility needs go first
        application.priority = 1 if (request.student.year_of_study == 1 or application.needs_accessible) else 5
        application.save()
        messages.success(request, 'Housing application received')
        return redirect('portal:housing_status')
    return render(request, 'portal/housing_apply.html', {'form': form, 'term': term})


@student_required
def housing_status(request):
    applications = HousingApplication.objects.filter(student=request.student).select_related(
        'term', 'first_choice_hall', 'second_choice_hall').order_by('-created_at')
    assignments = RoomAssignment.objects.filter(student=request.student).select_related('room__hall', 'term')
    return render(request, 'portal/housing_status.html', {
        'applications': applications, 'assignments': assignments,
        'swaps': RoomSwapRequest.objects.filter(requester=request.student).order_by('-created_at')[:5]})


@student_required
def request_room_swap(request):
    if not feature_enabled('room_swaps'):
        raise Http404
    term = getattr(request, 'term', None) or current_term()
    assignment = RoomAssignment.objects.filter(student=request.student, term=term,
                                               vacated_on__isnull=True).first()
    if assignment is None:
        messages.error(request, 'You have no room this term')
        return redirect('portal:housing_status')
    form = RoomSwapForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        swap = form.save(commit=False)
        swap.requester = request.student
        swap.current_assignment = assignment
        swap.swap_with = form.cleaned_data.get('swap_with')
        swap.save()
        messages.success(request, 'Swap request sent to the accommodation office')
        return redirect('portal:housing_status')
    return render(request, 'portal/room_swap.html', {'form': form, 'assignment': assignment})


@student_required
def pay_invoice_online(request, reference):
    if not feature_enabled('online_payments'):
        messages.info(request, 'Online payments are temporarily unavailable.')
        return redirect('finance:invoices')
    invoice = get_object_or_404(Invoice, reference=reference, student=request.student)
    form = OnlinePaymentForm(request.POST or None, invoice=invoice)
    if request.method == 'POST' and form.is_valid():
        client = main_services.PaymentGatewayClient()
        return_url = request.build_absolute_uri(reverse('portal:payment_return', args=[reference]))
        try:
            checkout = client.create_checkout(invoice, form.cleaned_data['amount'], return_url)
        except Exception:
            logger.exception('checkout failed for %s', reference)
            messages.error(request, 'Payment provider unavailable, please try later.')
            return redirect('finance:invoice', reference=reference)
        return redirect(checkout['redirect_url'])
    return render(request, 'portal/pay.html', {'invoice': invoice, 'form': form})


@student_required
def payment_return(request, reference):
    # the webhook records the payment; this is just the landing page
    invoice = get_object_or_404(Invoice, reference=reference, student=request.student)
    status = request.GET.get('status', 'unknown')
    if status == 'success':
        messages.success(request, 'Thank you - your payment is being processed.')
    elif status == 'cancelled':
        messages.info(request, 'Payment cancelled.')
    return redirect('finance:invoice', reference=invoice.reference)
