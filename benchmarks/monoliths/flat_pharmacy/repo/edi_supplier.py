"""
X12 EDI with wholesalers: 850 out (PO), 855 in (PO ack), 856 in (ASN).
Hand-rolled because the Java EDI thing cost $40k.  Only does what
McKesson and Cardinal send us.
"""
import datetime
import glob
import os
import shutil

import config
import common

log = common.get_logger('rxbo.edi')

SEG = '~'
EL = '*'
OUR_EDI_ID = 'FAMRXBO'


class EdiError(Exception):
    pass


def _isa(receiver, control):
    now = datetime.datetime.now()
    return EL.join(['ISA', '00', ' ' * 10, '00', ' ' * 10, 'ZZ', OUR_EDI_ID.ljust(15), 'ZZ',
                    receiver.ljust(15), now.strftime('%y%m%d'), now.strftime('%H%M'), 'U', '00401',
                    str(control).zfill(9), '0', 'P', '>'])


def build_850(order, lines, supplier):
    control = order['id']
    segs = [_isa(supplier['edi_id'], control),
            EL.join(['GS', 'PO', OUR_EDI_ID, supplier['edi_id'], datetime.date.today().strftime('%Y%m%d'),
                     '0000', str(control), 'X', '004010']),
            EL.join(['ST', '850', '0001']),
            EL.join(['BEG', '00', 'SA', order['order_number'], '', datetime.date.today().strftime('%Y%m%d')]),
            EL.join(['REF', 'IA', supplier['account_number'] or ''])]
    for i, l in enumerate(lines, 1):
        segs.append(EL.join(['PO1', str(i), str(int(l['qty_ordered'])), 'EA', str(l['unit_cost'] or ''), '',
                             'N4', l['ndc']]))
    segs.append(EL.join(['CTT', str(len(lines))]))
    segs.append(EL.join(['SE', str(len(segs) - 1), '0001']))
    segs.append(EL.join(['GE', '1', str(control)]))
    segs.append(EL.join(['IEA', '1', str(control).zfill(9)]))
    return SEG.join(segs) + SEG


def send_edi(text, name=None):
    name = name or 'po_%s.edi' % datetime.datetime.now().strftime('%Y%m%d%H%M%S%f')
    path = os.path.join(config.EDI_OUTBOX, name)
    with open(path, 'w') as fh:
        fh.write(text)
    log.info('queued EDI %s', path)
    return path


def _segments(text):
    return [s.strip().split(EL) for s in text.split(SEG) if s.strip()]


def parse_855(text):
    out = {'order_number': None, 'ack': None, 'lines': []}
    for s in _segments(text):
        if s[0] == 'BAK':
            out['ack'] = s[2]
            out['order_number'] = s[3]
        elif s[0] == 'ACK':
            out['lines'].append({'status': s[1], 'qty': s[2], 'ndc': s[-1]})
    return out


def parse_856(text):
    """ASN - we only use the lot/expiry so goods-in can pre-fill them"""
    items = []
    cur = None
    for s in _segments(text):
        if s[0] == 'LIN':
            cur = {'ndc': s[-1]}
            items.append(cur)
        elif s[0] == 'SN1' and cur is not None:
            cur['qty'] = s[2]
        elif s[0] == 'LOT' and cur is not None:
            cur['lot'] = s[1]
        elif s[0] == 'DTM' and cur is not None and s[1] == '036':
            cur['expiry'] = s[2]
    return items


def process_inbox():
    import suppliers
    done = 0
    for path in sorted(glob.glob(os.path.join(config.EDI_INBOX, '*.edi'))):
        with open(path) as fh:
            text = fh.read()
        try:
            if 'ST*855' in text:
                ack = parse_855(text)
                suppliers.handle_order_ack(ack['order_number'], ack['ack'], ack['lines'])
            elif 'ST*856' in text:
                pass  # TODO: store ASN for goods-in screen
            else:
                raise EdiError('unknown document')
        except Exception:
            log.exception('EDI failed %s', path)
            shutil.move(path, path + '.err')
            continue
        shutil.move(path, path + '.done')
        done += 1
    return done
