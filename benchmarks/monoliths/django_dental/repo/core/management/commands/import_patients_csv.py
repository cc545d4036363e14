import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Practice
from core.models import Patient
from core.services import register_patient
from utils.dates import parse_date_loose


class Command(BaseCommand):
    help = 'Import patients from the old Dentrix CSV export (acquisitions)'

    def add_arguments(self, parser):
        parser.add_argument('csvfile')
        parser.add_argument('--practice', required=True)
        parser.add_argument('--commit', action='store_true')

    def handle(self, csvfile, practice, commit=False, **kw):
        try:
            practice = Practice.objects.get(code=practice)
        except Practice.DoesNotExist:
            raise CommandError('unknown practice %s' % practice)
        created = skipped = 0
        with open(csvfile, newline='', encoding='latin-1') as fh, transaction.atomic():
            for row in csv.DictReader(fh):
                dob = parse_date_loose(row.get('Birthdate'))
                if Patient.objects.filter(last_name__iexact=row['LName'], first_name__iexact=row['FName'],
                                          date_of_birth=dob).exists():
                    skipped += 1
                    continue
                register_patient(practice, first_name=row['FName'].title(), last_name=row['LName'].title(),
                                 date_of_birth=dob, email=row.get('Email', ''), mobile=row.get('WirelessPhone', ''),
                                 address_1=row.get('Address', ''), city=row.get('City', ''),
                                 state=row.get('State', ''), zip_code=row.get('Zip', ''),
                                 referred_by='import:%s' % row.get('PatNum', ''))
                created += 1
            if not commit:
                transaction.set_rollback(True)
        self.stdout.write('created %d, skipped %d%s' % (created, skipped, '' if commit else ' (dry run)'))
