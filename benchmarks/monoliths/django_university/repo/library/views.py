from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.decorators import role_required, student_required
from common.utils import format_money, paginate
from library import services
from library.models import Book, BookCopy, Fine, Loan


def catalogue(request):
    q = request.GET.get('q', '').strip()
    books = Book.objects.annotate(
        available=Count('copies', filter=Q(copies__status='available')))
    if q:
        books = books.filter(Q(title__icontains=q) | Q(authors__icontains=q) | Q(isbn=q))
    course = request.GET.get('course')
    if course:
        books = books.filter(reading_list_course__code__iexact=course)
    return render(request, 'library/catalogue.html', {'page': paginate(request, books), 'q': q})


def book_detail(request, pk):
    book = get_object_or_404(Book, pk=pk)
    return render(request, 'library/book_detail.html', {
        'book': book, 'copies': book.copies.all(),
        'hold_queue': book.holds.filter(collected=False, cancelled=False).count()})


@role_required('library')
def desk_checkout(request):
    """Issue desk: scan a card then a barcode."""
    from main.models import Student
    from staff.models import Faculty
    if request.method == 'POST':
        barcode = request.POST.get('barcode', '').strip()
        card = request.POST.get('card', '').strip()
        copy = get_object_or_404(BookCopy, barcode=barcode)
        student = Student.objects.filter(student_number=card).first()
        faculty = None if student else Faculty.objects.filter(staff_number=card).first()
        if student is None and faculty is None:
            messages.error(request, 'Unknown card %s' % card)
            return redirect('library:desk')
        try:
            loan = services.checkout_copy(copy, student=student, faculty=faculty)
            messages.success(request, 'Due back %s' % loan.due_on)
        except services.LibraryError as exc:
            messages.error(request, str(exc))
        return redirect('library:desk')
    return render(request, 'library/desk.html')


@role_required('library')
@require_POST
def desk_return(request):
    copy = get_object_or_404(BookCopy, barcode=request.POST.get('barcode', '').strip())
    try:
        loan = services.return_copy(copy)
        fine = loan.fines.order_by('-created_at').first()
        if fine:
            messages.warning(request, 'Returned late: fine %s' % format_money(fine.amount))
        else:
            messages.success(request, 'Returned')
    except services.LibraryError as exc:
        messages.error(request, str(exc))
    return redirect('library:desk')


@student_required
def my_loans(request):
    loans = Loan.objects.filter(student=request.student, returned_at__isnull=True).select_related('copy__book')
    fines = Fine.objects.filter(student=request.student, waived=False, exported_at__isnull=True)
    return render(request, 'library/my_loans.html', {
        'loans': loans, 'fines': fines, 'fines_total': format_money(sum(f.amount for f in fines)),
        'holds': request.student.library_holds.filter(collected=False, cancelled=False).select_related('book')})


@student_required
@require_POST
def renew(request, loan_id):
    loan = get_object_or_404(Loan, pk=loan_id, student=request.student)
    try:
        services.renew_loan(loan)
        messages.success(request, 'Renewed until %s' % loan.due_on)
    except services.LibraryError as exc:
        messages.error(request, str(exc))
    return redirect('library:my_loans')


@student_required
@require_POST
def request_book(request, pk):
    book = get_object_or_404(Book, pk=pk)
    try:
        hold = services.place_hold(book, request.student)
        messages.success(request, 'Requested. You are number %s in the queue.' % hold.position)
    except services.LibraryError as exc:
        messages.error(request, str(exc))
    return redirect('library:book', pk=pk)


@role_required('library')
def waive_fine_view(request, fine_id):
    fine = get_object_or_404(Fine, pk=fine_id)
    if request.method == 'POST':
        try:
            services.waive_fine(fine, request.user.username)
            messages.success(request, 'Waived')
        except services.LibraryError as exc:
            messages.error(request, str(exc))
        return redirect('library:desk')
    return render(request, 'library/waive.html', {'fine': fine})
