import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from common.decorators import role_required, staff_required, student_required
from common.utils import format_money, paginate, rows_to_csv
from main import services
from main.forms import (ApplicantForm, ApplicationForm, DocumentUploadForm, FeeScheduleForm,
                        InvoiceAdjustmentForm, ManualPaymentForm, OfferResponseForm,
                        ReviewDecisionForm, StudentSearchForm)
from main.models import (AdmissionRound, Applicant, Application, FeeSchedule, Invoice, Offer,
                         Payment, Student)

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# Admissions (applicant facing)
# ---------------------------------------------------------------------------

@login_required
def apply_start(request):
    applicant = Applicant.objects.filter(user=request.user).first()
    open_rounds = [r for r in AdmissionRound.objects.filter(is_closed=False) if r.is_open()]
    if request.method == 'POST':
        applicant_form = ApplicantForm(request.POST, instance=applicant)
        application_form = ApplicationForm(request.POST, rounds=open_rounds)
        if applicant_form.is_valid() and application_form.is_valid():
            applicant = applicant_form.save(commit=False)
            applicant.user = request.user
            applicant.save()
            application = application_form.save(commit=False)
            application.applicant = applicant
            application.save()
            messages.success(request, 'Application started. Upload your documents next.')
            return redirect('admissions:edit', pk=application.pk)
    else:
        applicant_form = ApplicantForm(instance=applicant)
        application_form = ApplicationForm(rounds=open_rounds)
    return render(request, 'admissions/apply_start.html', {
        'applicant_form': applicant_form, 'application_form': application_form, 'rounds': open_rounds})


@login_required
def application_edit(request, pk):
    application = get_object_or_404(Application, pk=pk, applicant__user=request.user)
    if not application.is_editable:
        messages.info(request, 'This application can no longer be edited.')
        return redirect('portal:applicant')
    form = ApplicationForm(request.POST or None, instance=application,
                           rounds=[application.round])
    if request.method == 'POST' and form.is_valid():
        form.save()
        messages.success(request, 'Saved.')
        return redirect('admissions:edit', pk=pk)
    return render(request, 'admissions/application_edit.html', {
        'application': application, 'form': form, 'upload_form': DocumentUploadForm()})


@login_required
@require_POST
def upload_document(request, pk):
    application = get_object_or_404(Application, pk=pk, applicant__user=request.user)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        doc = form.save(commit=False)
        doc.application = application
        doc.save()
        messages.success(request, 'Uploaded %s' % doc.get_kind_display())
    else:
        messages.error(request, 'Upload failed: %s' % form.errors.as_text())
    return redirect('admissions:edit', pk=pk)


@login_required
@require_POST
def submit_application(request, pk):
    application = get_object_or_404(Application, pk=pk, applicant__user=request.user)
    if application.status != 'draft':
        return HttpResponseBadRequest('already submitted')
    if not application.documents.exists():
        messages.error(request, 'Please upload at least one document.')
        return redirect('admissions:edit', pk=pk)
    application.status = 'submitted'
    application.submitted_at = timezone.now()
    application.save()
    messages.success(request, 'Application submitted. Good luck!')
    return redirect('portal:applicant')


@login_required
def respond_to_offer(request, pk):
    offer = get_object_or_404(Offer, pk=pk, application__applicant__user=request.user)
    form = OfferResponseForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        try:
            if form.cleaned_data['response'] == 'accept':
                student = services.accept_offer(offer, accepted_by=request.user.username)
                messages.success(request, 'Welcome! Your student number is %s' % student.student_number)
                return redirect('portal:dashboard')
            services.decline_offer(offer, form.cleaned_data.get('reason', ''))
            messages.info(request, 'You have declined the offer.')
        except services.OfferError as exc:
            messages.error(request, str(exc))
        return redirect('portal:applicant')
    return render(request, 'admissions/offer.html', {'offer': offer, 'form': form})


# ---------------------------------------------------------------------------
# Admissions (staff)
# ---------------------------------------------------------------------------

@method_decorator(role_required('admissions'), name='dispatch')
class ApplicationReviewListView(ListView):
    template_name = 'admissions/review_list.html'
    paginate_by = 50

    def get_queryset(self):
        qs = (Application.objects.pending_review()
              .select_related('applicant', 'round', 'reviewed_by')
              .order_by('-score', 'submitted_at'))
        programme = self.request.GET.get('programme')
        if programme:
            qs = qs.filter(programme_code=programme)
        return qs


@role_required('admissions')
def review_application(request, pk):
    application = get_object_or_404(Application.objects.select_related('applicant', 'round'), pk=pk)
    reviewer = getattr(request.user, 'faculty_profile', None)
    if application.status == 'submitted':
        try:
            services.move_to_review(application, reviewer)
        except services.OfferError as exc:
            messages.warning(request, str(exc))
    form = ReviewDecisionForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        try:
            services.decide_application(application, form.cleaned_data['decision'], reviewer,
                                        notes=form.cleaned_data['notes'],
                                        offer_type=form.cleaned_data['offer_type'],
                                        conditions=form.cleaned_data['conditions'])
            messages.success(request, 'Decision recorded.')
            return redirect('admissions:review_list')
        except services.OfferError as exc:
            messages.error(request, str(exc))
    return render(request, 'admissions/review.html', {
        'application': application, 'form': form,
        'interviews': application.interviews.select_related('interviewer'),
    })


# ---------------------------------------------------------------------------
# Finance
# ---------------------------------------------------------------------------

@student_required
def invoice_list(request):
    invoices = Invoice.objects.for_student(request.student).exclude(status__in=['draft', 'void'])
    return render(request, 'finance/invoice_list.html', {
        'invoices': invoices,
        'balance': format_money(services.outstanding_balance(request.student)),
        'on_hold': services.has_financial_hold(request.student),
    })


@login_required
def invoice_detail(request, reference):
    invoice = get_object_or_404(Invoice.objects.select_related('student', 'term'), reference=reference)
    if not request.user.is_staff and invoice.student.user_id != request.user.pk:
        raise Http404
    return render(request, 'finance/invoice_detail.html', {
        'invoice': invoice,
        'lines': invoice.lines.all(),
        'payments': invoice.payments.filter(reversed=False),
    })


@role_required('bursary')
def record_payment_view(request, reference):
    invoice = get_object_or_404(Invoice, reference=reference)
    form = ManualPaymentForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        try:
            services.record_payment(invoice, form.cleaned_data['amount'], form.cleaned_data['method'],
                                    gateway_ref=form.cleaned_data.get('reference', ''),
                                    recorded_by=request.user.username)
            messages.success(request, 'Payment recorded.')
            return redirect('finance:invoice', reference=reference)
        except services.BillingError as exc:
            messages.error(request, str(exc))
    return render(request, 'finance/record_payment.html', {'invoice': invoice, 'form': form})


@role_required('bursary')
def adjust_invoice(request, reference):
    invoice = get_object_or_404(Invoice, reference=reference)
    form = InvoiceAdjustmentForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        services.add_invoice_line(invoice.student, form.cleaned_data['description'],
                                  form.cleaned_data['amount'], category='adjustment', term=invoice.term)
        messages.success(request, 'Adjustment added to the current draft invoice.')
        return redirect('finance:invoice', reference=reference)
    return render(request, 'finance/adjust.html', {'invoice': invoice, 'form': form})


@csrf_exempt
@require_POST
def gateway_webhook(request):
    client = services.PaymentGatewayClient()
    if not client.verify_signature(request.body, request.META.get('HTTP_X_SIGNATURE')):
        return HttpResponse(status=403)
    try:
        event = json.loads(request.body.decode('utf-8'))
    except ValueError:
        return HttpResponseBadRequest('bad json')
    if event.get('type') != 'payment.settled':
        return JsonResponse({'ignored': True})
    data = event.get('data', {})
    try:
        invoice = Invoice.objects.get(reference=data.get('reference'))
    except Invoice.DoesNotExist:
        logger.error('webhook for unknown invoice %s', data.get('reference'))
        return JsonResponse({'error': 'unknown invoice'}, status=404)
    services.record_payment(invoice, data['amount'], 'card', gateway_ref=data.get('id', ''),
                            recorded_by='gateway')
    return JsonResponse({'ok': True})


@role_required('bursary')
def fee_schedule_list(request):
    year = request.GET.get('year')
    qs = FeeSchedule.objects.all().order_by('-academic_year', 'programme_code')
    if year:
        qs = qs.filter(academic_year=year)
    form = FeeScheduleForm(request.POST or None)
    if request.method == 'POST' and form.is_valid():
        form.save()
        return redirect('finance:fees')
    return render(request, 'finance/fee_schedules.html', {'page': paginate(request, qs), 'form': form})


@student_required
def statement_csv(request):
    rows = services.student_statement(request.student)
    body = rows_to_csv(['date', 'reference', 'description', 'charge', 'payment'], rows)
    response = HttpResponse(body, content_type='text/csv')
    response['Content-Disposition'] = 'attachment; filename="statement-%s.csv"' % request.student.student_number
    return response


# ---------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------

@staff_required
def student_search(request):
    form = StudentSearchForm(request.GET or None)
    results = Student.objects.none()
    if form.is_valid():
        q = form.cleaned_data['q']
        results = Student.objects.filter(
            Q(student_number__icontains=q) | Q(last_name__icontains=q) |
            Q(first_name__icontains=q) | Q(email__icontains=q))
        if form.cleaned_data.get('status'):
            results = results.filter(status=form.cleaned_data['status'])
        results = results.select_related('advisor')[:200]
    return render(request, 'registry/student_search.html', {'form': form, 'results': results})


@staff_required
def student_record(request, student_number):
    student = get_object_or_404(Student.objects.select_related('advisor', 'application'),
                                student_number=student_number)
    enrolments = student.enrolments.select_related('section__course', 'section__term').order_by(
        '-section__term__starts_on')
    return render(request, 'registry/student_record.html', {
        'student': student,
        'enrolments': enrolments,
        'holds': student.holds.filter(released_at__isnull=True),
    })
