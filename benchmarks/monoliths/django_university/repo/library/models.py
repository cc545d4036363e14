from decimal import Decimal

from django.db import models
from django.utils import timezone

from common.models import TimeStampedModel


class Book(TimeStampedModel):
    isbn = models.CharField(max_length=13, blank=True, db_index=True)
    title = models.CharField(max_length=300)
    authors = models.CharField(max_length=300, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    edition = models.CharField(max_length=20, blank=True)
    classmark = models.CharField(max_length=30, blank=True)
    reading_list_course = models.ForeignKey('academics.Course', null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name='reading_list')

    class Meta:
        ordering = ('title',)

    def __str__(self):
        return self.title

    def available_copies(self):
        return self.copies.filter(status='available')


class BookCopy(models.Model):
    STATUS_CHOICES = (
        ('available', 'Available'),
        ('on_loan', 'On loan'),
        ('on_hold_shelf', 'On hold shelf'),
        ('lost', 'Lost'),
        ('withdrawn', 'Withdrawn'),
    )
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name='copies')
    barcode = models.CharField(max_length=20, unique=True)
    location = models.CharField(max_length=50, default='Main')
    loan_type = models.CharField(max_length=10, default='normal',
                                 choices=(('normal', 'Normal'), ('short', 'Short loan (48h)'),
                                          ('ref', 'Reference only')))
    status = models.CharField(max_length=15, choices=STATUS_CHOICES, default='available', db_index=True)
    replacement_cost = models.DecimalField(max_digits=7, decimal_places=2, default=Decimal('40.00'))

    def __str__(self):
        return '{0} [{1}]'.format(self.book.title, self.barcode)


class Loan(TimeStampedModel):
    copy = models.ForeignKey(BookCopy, on_delete=models.PROTECT, related_name='loans')
    student = models.ForeignKey('main.Student', null=True, blank=True, on_delete=models.PROTECT,
                                related_name='library_loans')
    faculty = models.ForeignKey('staff.Faculty', null=True, blank=True, on_delete=models.PROTECT,
                                related_name='library_loans')
    borrowed_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    returned_at = models.DateTimeField(null=True, blank=True)
    renewals = models.PositiveSmallIntegerField(default=0)
    last_notice_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ('-borrowed_at',)

    @property
    def is_overdue(self):
        return self.returned_at is None and self.due_on < timezone.localdate()

    def borrower(self):
        return self.student or self.faculty


class Hold(TimeStampedModel):
    book = models.ForeignKey(Book, on_delete=models.CASCADE, related_name='holds')
    student = models.ForeignKey('main.Student', on_delete=models.CASCADE, related_name='library_holds')
    position = models.PositiveIntegerField(default=1)
    ready_at = models.DateTimeField(null=True, blank=True)
    collected = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)
    copy = models.ForeignKey(BookCopy, null=True, blank=True, on_delete=models.SET_NULL)


class Fine(TimeStampedModel):
    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name='fines')
    student = models.ForeignKey('main.Student', null=True, blank=True, on_delete=models.CASCADE,
                                related_name='library_fines')
    amount = models.DecimalField(max_digits=7, decimal_places=2)
    reason = models.CharField(max_length=20, default='overdue',
                              choices=(('overdue', 'Overdue'), ('lost', 'Lost item'), ('damage', 'Damage')))
    waived = models.BooleanField(default=False)
    waived_by = models.CharField(max_length=150, blank=True)
    # set when the bursary pulls it onto an invoice (see main.services.import_library_fines)
    exported_at = models.DateTimeField(null=True, blank=True)
    exported_ref = models.CharField(max_length=64, blank=True)
