"""
NCPDP Telecommunication D.0 - just enough of it for B1 (billing),
B2 (reversal) and E1 (eligibility) via our switch vendor.
Field separators per the standard: 0x1C field, 0x1D group, 0x1E segment.
"""
import datetime

import config
import money

FS = '\x1c'
GS = '\x1d'
SS = '\x1e'

VERSION = 'D0'


class NcpdpSegment(object):
    def __init__(self, seg_id):
        self.seg_id = seg_id
        self.fields = []

    def add(self, field_id, value):
        if value is None or value == '':
            return self
        self.fields.append('%s%s' % (field_id, value))
        return self

    def render(self):
        return SS + FS + 'AM' + self.seg_id + ''.join(FS + f for f in self.fields)


def _header(txn_code, bin_, pcn, provider_id, dos=None):
    dos = dos or datetime.date.today()
    return (bin_.ljust(6) + VERSION + txn_code + (pcn or '').ljust(10) + '1' + '01' +
            provider_id.ljust(15) + dos.strftime('%Y%m%d') + config.NCPDP_SOFTWARE_ID.ljust(10))


def _money_field(v):
    # NCPDP overpunch is a nightmare; switch accepts plain cents
    return str(int(money.round_money(v) * 100))


def build_b1_request(claim, cov, ev):
    head = _header('B1', cov['bin'], cov['pcn'], ev['ncpdp_id'] or ev['pharmacy_npi'])
    ins = NcpdpSegment('04').add('C2', cov['member_id']).add('C1', cov.get('group_number')) \
        .add('C3', cov.get('person_code')).add('C6', cov.get('relationship'))
    pat = NcpdpSegment('01').add('C4', ev['dob'].strftime('%Y%m%d') if ev.get('dob') else None) \
        .add('C5', {'M': '1', 'F': '2'}.get(ev.get('gender'), '0')) \
        .add('CA', ev['first_name']).add('CB', ev['last_name'])
    clm = NcpdpSegment('07').add('D2', ev['rx_number']).add('E1', '03').add('D7', ev['ndc']) \
        .add('E7', str(int(float(ev['quantity']) * 1000))).add('D3', ev.get('refills_used') or 0) \
        .add('D5', ev.get('days_supply')).add('D8', ev.get('daw_code') or '0') \
        .add('DE', ev['written_date'].strftime('%Y%m%d') if ev.get('written_date') else None)
    presc = NcpdpSegment('03').add('EZ', '01').add('DB', ev.get('prescriber_npi'))
    price = NcpdpSegment('11').add('D9', _money_field(ev.get('price') or 0)).add('DQ', _money_field(ev.get('price') or 0))
    return head + ins.render() + pat.render() + GS + clm.render() + presc.render() + price.render()


def build_b2_reversal(claim, cov):
    head = _header('B2', cov['bin'], cov['pcn'], '')
    clm = NcpdpSegment('07').add('D2', claim['claim_number'])
    return head + GS + clm.render()


def build_e1_request(cov):
    head = _header('E1', cov['bin'], cov['pcn'], '')
    ins = NcpdpSegment('04').add('C2', cov['member_id']).add('C1', cov.get('group_number'))
    return head + ins.render()


def parse_response(raw):
    out = {'reject_codes': []}
    if not raw:
        return out
    out['transaction_code'] = raw[2:4] if len(raw) > 4 else None
    for seg in raw.split(SS):
        for f in seg.split(FS):
            fid, val = f[:2], f[2:]
            if fid == 'AN':
                out['status'] = val
            elif fid == 'FB':
                out['reject_codes'].append(val)
            elif fid == 'F5':
                out['patient_pay'] = money.to_decimal(val) / 100
            elif fid == 'F9':
                out['amount_paid'] = money.to_decimal(val) / 100
            elif fid == 'F3':
                out['auth_number'] = val
    return out
