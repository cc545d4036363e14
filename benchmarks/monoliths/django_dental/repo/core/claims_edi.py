"""
837D claim file generation and 835 remittance parsing for the clearinghouse.

Very much NOT a full X12 implementation - just enough for the payers we use.
"""
import datetime
import io
import logging
import re

from django.conf import settings

from accounts.models import Remittance
from core.models import InsuranceClaim, InsuranceCompany

log = logging.getLogger(__name__)

SEG_TERM = '~'
ELEM_SEP = '*'


def format_segment(*elements):
    return ELEM_SEP.join('' if e is None else str(e) for e in elements) + SEG_TERM


class Edi837Builder(object):
    def __init__(self, claims, submitter_id=None):
        self.claims = list(claims)
        self.submitter_id = submitter_id or settings.CLEARINGHOUSE_SUBMITTER_ID
        self.control = datetime.datetime.now().strftime('%y%m%d%H%M')
        self.segments = []

    def header(self):
        now = datetime.datetime.now()
        self.segments.append(format_segment('ISA', '00', ' ' * 10, '00', ' ' * 10, 'ZZ',
                                            self.submitter_id.ljust(15), 'ZZ', 'CLEARINGHOUSE'.ljust(15),
                                            now.strftime('%y%m%d'), now.strftime('%H%M'), '^', '00501',
                                            self.control.zfill(9), '0', 'P', ':'))
        self.segments.append(format_segment('GS', 'HC', self.submitter_id, 'CLEARINGHOUSE', now.strftime('%Y%m%d'),
                                            now.strftime('%H%M'), self.control, 'X', '005010X224A2'))

    def claim_segments(self, claim):
        p = claim.patient
        pol = claim.policy
        self.segments.append(format_segment('NM1', 'IL', '1', pol.subscriber_name.split(' ')[-1],
                                            pol.subscriber_name.split(' ')[0], '', '', '', 'MI', pol.policy_number))
        self.segments.append(format_segment('NM1', 'QC', '1', p.last_name, p.first_name))
        self.segments.append(format_segment('CLM', claim.claim_number, claim.total_claimed, '', '', '11:B:1', 'Y',
                                            'A', 'Y', 'Y'))
        for i, line in enumerate(claim.lines.select_related('procedure'), 1):
            self.segments.append(format_segment('LX', i))
            self.segments.append(format_segment('SV3', 'AD:%s' % line.procedure.code, line.amount_claimed))
            if line.tooth:
                self.segments.append(format_segment('TOO', 'JP', line.tooth, line.surfaces or None))
            self.segments.append(format_segment('DTP', '472', 'D8', line.date_of_service.strftime('%Y%m%d')))

    def build(self):
        self.header()
        for c in self.claims:
            self.claim_segments(c)
        self.segments.append(format_segment('GE', len(self.claims), self.control))
        self.segments.append(format_segment('IEA', '1', self.control.zfill(9)))
        return '\n'.join(self.segments)


def upload_batch(content):
    import paramiko
    ref = 'B%s' % datetime.datetime.now().strftime('%Y%m%d%H%M%S')
    transport = paramiko.Transport((settings.CLEARINGHOUSE_SFTP_HOST, 22))
    try:
        transport.connect(username=settings.CLEARINGHOUSE_SUBMITTER_ID,
                          pkey=paramiko.RSAKey.from_private_key_file('/etc/dentalgroup/clearinghouse.key'))
        sftp = paramiko.SFTPClient.from_transport(transport)
        sftp.putfo(io.BytesIO(content.encode('ascii')), '/inbound/%s.837' % ref)
    finally:
        transport.close()
    return ref


def parse_835(text):
    """Yields dicts: claim_number, paid, check_number, payer_id."""
    segments = [s.strip() for s in text.split(SEG_TERM) if s.strip()]
    check = payer = None
    for seg in segments:
        el = seg.split(ELEM_SEP)
        if el[0] == 'TRN':
            check = el[2]
        elif el[0] == 'N1' and el[1] == 'PR' and len(el) > 4:
            payer = el[4]
        elif el[0] == 'CLP':
            yield {'claim_number': el[1], 'status_code': el[2], 'charged': el[3], 'paid': el[4],
                   'check_number': check, 'payer_id': payer}


def import_835(text):
    created = []
    for row in parse_835(text):
        claim = InsuranceClaim.objects.filter(claim_number=row['claim_number']).select_related('policy').first()
        company = claim.policy.company if claim else InsuranceCompany.objects.filter(payer_id=row['payer_id']).first()
        if company is None:
            log.warning('835 for unknown payer %s', row['payer_id'])
            continue
        if claim and row['status_code'] == '4':
            InsuranceClaim.objects.filter(pk=claim.pk).update(status='rejected', rejection_reason='Denied (835)')
        created.append(Remittance.objects.create(company=company, claim=claim, check_number=row['check_number'] or '',
                                                 amount=row['paid'], era_reference=row['claim_number'], raw_835=text))
    return created


def legacy_submit_claim_ftp(claim_id):
    # replaced by upload_batch in 2022, kept because Delta still wants plain FTP for one group
    import ftplib
    claim = InsuranceClaim.objects.get(pk=claim_id)
    data = Edi837Builder([claim]).build()
    ftp = ftplib.FTP(re.sub(r'^sftp\.', 'ftp.', settings.CLEARINGHOUSE_SFTP_HOST))
    ftp.login()
    ftp.storbinary('STOR %s.837' % claim.claim_number, io.BytesIO(data.encode('ascii')))
    ftp.quit()
