# -*- coding: utf-8 -*-
# Status codes etc. Some of these are duplicated as string literals all over
# the place, please use these instead (nobody does).

VAT_RATE = 0.20          # was 0.175 until Jan 2011, see oneoff script
VAT_RATE_OLD = 0.175

VEHICLE_STATUSES = ('in_stock', 'reserved', 'sold', 'delivered', 'transit',
                    'recon', 'disposed')
DEAL_STATUSES = ('pending', 'signed', 'delivered', 'unwound')
QUOTE_STATUSES = ('open', 'accepted', 'lost', 'expired')
RO_STATUSES = ('open', 'wip', 'complete', 'invoiced', 'void')
PO_STATUSES = ('draft', 'sent', 'part_recv', 'received', 'cancelled')
FIN_STATUSES = ('draft', 'submitted', 'approved', 'declined', 'paid_out')

PAY_TYPE_CUSTOMER = 'C'
PAY_TYPE_WARRANTY = 'W'
PAY_TYPE_INTERNAL = 'I'

ROLES = ('sales', 'service', 'parts', 'fi', 'manager', 'admin', 'tech')

# days a used car may sit before the nightly job starts knocking money off
AGEING_THRESHOLDS = [(45, 0.02), (60, 0.03), (90, 0.05)]

QUOTE_VALID_DAYS = 14
APPRAISAL_VALID_DAYS = 7
FOLLOWUP_AFTER_DELIVERY_DAYS = (3, 30, 330)

DEFAULT_FEES = {
    'admin': 95.00,
    'delivery': 395.00,
    'first_reg': 55.00,
    'plates': 25.00,
}

WARRANTY_MANUFACTURERS = ('SKODA', 'VW', 'SEAT', 'KIA')

# TODO remove, was for the old Kerridge import (2010)
KERRIDGE_DEPT_MAP = {'01': 'sales', '02': 'service', '03': 'parts'}
