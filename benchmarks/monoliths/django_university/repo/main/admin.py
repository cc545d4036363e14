import csv

from django.contrib import admin, messages
from django.http import HttpResponse
from django.utils import timezone

from common.utils import format_money
from library.models import Book, BookCopy, Fine, Hold, Loan
from main import services
from main.models import (AccountHold, AdmissionRound, Applicant, Application, ApplicationDocument,
                         FeeSchedule, Invoice, InvoiceLine, Offer, Payment, Student)
from staff.models import Department, Faculty, Interview, LeaveRequest, PayrollRecord, TeachingAssignment


# ---------------------------------------------------------------------------
# admin actions
# ---------------------------------------------------------------------------

def export_applications_csv(modeladmin, request, queryset):
    response = HttpResponse(content_type='text/csv')
    response['Content-Disposition'] = 'attachment; filename="applications.csv"'
    writer = csv.writer(response)
    writer.writerow(['id', 'applicant', 'email', 'programme', 'status', 'score', 'submitted'])
    for app in queryset.select_related('applicant'):
        writer.writerow([app.pk, '%s %s' % (app.applicant.first_name, app.applicant.last_name),
                         app.applicant.email, app.programme_code, app.status, app.score, app.submitted_at])
    return response


export_applications_csv.short_description = 'Export selected to CSV'


def rescore_applications(modeladmin, request, queryset):
    for app in queryset:
        services.score_application(app)
    messages.success(request, 'Rescored %s applications' % queryset.count())


def issue_selected_invoices(modeladmin, request, queryset):
    n = 0
    for invoice in queryset.filter(status='draft'):
        services.issue_invoice(invoice, issued_by=request.user.username)
        n += 1
    messages.success(request, 'Issued %s invoices' % n)


def void_invoices(modeladmin, request, queryset):
    updated = queryset.exclude(status='paid').update(status='void', updated_by=request.user.username)
    messages.warning(request, 'Voided %s invoices' % updated)


def release_selected_holds(modeladmin, request, queryset):
    queryset.filter(released_at__isnull=True).update(released_at=timezone.now(),
                                                     released_by=request.user.username)


def mark_copies_lost(modeladmin, request, queryset):
    queryset.update(status='lost')


# ---------------------------------------------------------------------------
# Students
# ---------------------------------------------------------------------------

@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ('student_number', 'last_name', 'first_name', 'programme_code', 'year_of_study', 'status')
    list_filter = ('status', 'programme_code', 'year_of_study', 'is_international')
    search_fields = ('student_number', 'last_name', 'first_name', 'email')
    raw_id_fields = ('user', 'application', 'advisor')


# ---------------------------------------------------------------------------
# Admissions
# ---------------------------------------------------------------------------

@admin.register(AdmissionRound)
class AdmissionRoundAdmin(admin.ModelAdmin):
    list_display = ('name', 'academic_year', 'opens_on', 'closes_on', 'capacity', 'is_closed')


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ('last_name', 'first_name', 'email', 'nationality')
    search_fields = ('last_name', 'email')


class ApplicationDocumentInline(admin.TabularInline):
    model = ApplicationDocument
    extra = 0


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ('applicant', 'programme_code', 'round', 'status', 'score', 'submitted_at')
    list_filter = ('status', 'round', 'programme_code', 'fee_status')
    search_fields = ('applicant__last_name', 'applicant__email')
    inlines = [ApplicationDocumentInline]
    actions = [export_applications_csv, rescore_applications]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ('application', 'offer_type', 'status', 'issued_at', 'expires_at', 'deposit_required')
    list_filter = ('status', 'offer_type')


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin):
    list_display = ('application', 'interviewer', 'scheduled_for', 'outcome', 'score')
    list_filter = ('outcome',)


# ---------------------------------------------------------------------------
# Finance
# ---------------------------------------------------------------------------

class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    readonly_fields = ('amount',)


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    fk_name = 'invoice'


@admin.register(Invoice)
class InvoiceAdmin(admin.ModelAdmin):
    list_display = ('reference', 'student', 'term', 'status', 'total_display', 'amount_paid', 'due_on')
    list_filter = ('status', 'term')
    search_fields = ('reference', 'student__student_number', 'student__last_name')
    inlines = [InvoiceLineInline, PaymentInline]
    actions = [issue_selected_invoices, void_invoices]

    def total_display(self, obj):
        return format_money(obj.total)
    total_display.short_description = 'Total'


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ('invoice', 'amount', 'method', 'received_at', 'gateway_ref', 'reversed')
    list_filter = ('method', 'reversed')
    search_fields = ('gateway_ref', 'invoice__reference')


@admin.register(FeeSchedule)
class FeeScheduleAdmin(admin.ModelAdmin):
    list_display = ('programme_code', 'academic_year', 'is_international', 'per_credit_fee', 'flat_fee')
    list_filter = ('academic_year', 'is_international')


@admin.register(AccountHold)
class AccountHoldAdmin(admin.ModelAdmin):
    list_display = ('student', 'hold_type', 'reason', 'created_at', 'released_at')
    list_filter = ('hold_type',)
    actions = [release_selected_holds]


# ---------------------------------------------------------------------------
# Library (no library/admin.py -- someone registered these here in 2020)
# ---------------------------------------------------------------------------

class BookCopyInline(admin.TabularInline):
    model = BookCopy
    extra = 0


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):
    list_display = ('title', 'authors', 'isbn', 'year')
    search_fields = ('title', 'authors', 'isbn')
    inlines = [BookCopyInline]


@admin.register(BookCopy)
class BookCopyAdmin(admin.ModelAdmin):
    list_display = ('barcode', 'book', 'location', 'loan_type', 'status')
    list_filter = ('status', 'loan_type', 'location')
    actions = [mark_copies_lost]


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ('copy', 'student', 'faculty', 'borrowed_at', 'due_on', 'returned_at')
    raw_id_fields = ('copy', 'student', 'faculty')


admin.site.register(Hold)
admin.site.register(Fine)


# ---------------------------------------------------------------------------
# Staff / HR
# ---------------------------------------------------------------------------

@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ('code', 'name', 'faculty_name', 'head')


@admin.register(Faculty)
class FacultyAdmin(admin.ModelAdmin):
    list_display = ('staff_number', 'last_name', 'first_name', 'department', 'rank', 'fte')
    list_filter = ('department', 'rank')
    search_fields = ('staff_number', 'last_name', 'email')


@admin.register(LeaveRequest)
class LeaveRequestAdmin(admin.ModelAdmin):
    list_display = ('faculty', 'kind', 'starts_on', 'ends_on', 'status')
    list_filter = ('status', 'kind')


@admin.register(PayrollRecord)
class PayrollRecordAdmin(admin.ModelAdmin):
    list_display = ('faculty', 'period', 'gross_pay', 'net_pay', 'exported')
    list_filter = ('period', 'exported')


admin.site.register(TeachingAssignment)
