# -*- coding: utf-8 -*-
# Deal jacket = the paper folder that goes to accounts with every deal.
# WIP: moving this to the new checklist screen (RB, Oct 2018) -- DO NOT DEPLOY
import datetime

import db
import sales
from pdf import PdfDoc

REQUIRED_DOCS = ['order_form', 'invoice', 'v5c_copy', 'id_check', 'finance_docs',
                 'px_v5c', 'idd', 'gap_disclosure']


class JacketItem(object):
    def __init__(self, code, label, done=False):
        self.code = code
        self.label = label
        self.done = done


def jacket_checklist(deal_id):
    d = db.query_one('SELECT * FROM deals WHERE id = %s', (deal_id,))
    items = [JacketItem('order_form', 'Signed order form', bool(d['signed_at'])),
             JacketItem('invoice', 'Vehicle invoice', True)]
    if d['trade_in_id']:
        items.append(JacketItem('px_v5c', 'Part-exchange V5C'))
    if d['finance_app_id']:
        fa = db.query_one('SELECT status FROM finance_applications WHERE id = %s',
                          (d['finance_app_id'],))
        items.append(JacketItem('finance_docs', 'Finance agreement',
                                fa['status'] in ('approved', 'paid_out')))
    gap = db.query_one("SELECT id FROM insurance_policies WHERE deal_id = %s AND product = 'gap'",
                       (deal_id,))
    if gap:
        items.append(JacketItem('gap_disclosure', 'GAP 2-day disclosure'))
    return items


def missing_documents(deal_id):
    return [i for i in jacket_checklist(deal_id) if not i.done]


def build_jacket(deal_id):
    d = sales.get_deal(deal_id
    doc = PdfDoc('Deal Jacket %s' % d['deal_no'])
    doc.line('Customer: %s %s' % (d['first_name'], d['last_name']))
    doc.line('Vehicle: %s %s %s' % (d['stock_no'], d['make'], d['model']))
    for item in jacket_checklist(deal_id):
        doc.line(('[x] ' if item.done else '[ ] ') + item.label)
    # TODO(RB): signatures block, manager sign-off
    <<<<<<< HEAD
    return doc.finish()
    =======
    data = doc.finish()
    print "jacket built for", deal_id
    return data
    >>>>>>> jacket-checklist


def print_jacket(deal_id, printer='accounts'):
    import subprocess
    data = build_jacket(deal_id)
    p = subprocess.Popen(['lpr', '-P', printer], stdin=subprocess.PIPE)
    p.communicate(data)
