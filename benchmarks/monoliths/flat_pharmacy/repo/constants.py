"""status codes and such.  Some modules still use the raw strings."""

ROLE_TECH = 'tech'
ROLE_PHARMACIST = 'pharmacist'
ROLE_MANAGER = 'manager'
ROLE_CASHIER = 'cashier'
ROLE_ADMIN = 'admin'

DEA_SCHEDULES = ('CII', 'CIII', 'CIV', 'CV')

MOVEMENT_TYPES = ('RECEIPT', 'DISPENSE', 'RETURN', 'ADJUST', 'COUNT', 'TRANSFER', 'WRITEOFF')

DAW_CODES = {
    '0': 'No product selection indicated',
    '1': 'Substitution not allowed by prescriber',
    '2': 'Substitution allowed - patient requested product dispensed',
    '5': 'Substitution allowed - brand dispensed as generic',
    '7': 'Substitution not allowed - brand mandated by law',
}


class RxStatus(object):
    ACTIVE = 'ACTIVE'
    ON_HOLD = 'ON_HOLD'
    CANCELLED = 'CANCELLED'
    TRANSFERRED = 'XFER_OUT'
    EXPIRED = 'EXPIRED'
    COMPLETE = 'COMPLETE'

    ALL = (ACTIVE, ON_HOLD, CANCELLED, TRANSFERRED, EXPIRED, COMPLETE)


class FillStatus(object):
    QUEUED = 'QUEUED'
    FILLING = 'FILLING'
    FILLED = 'FILLED'
    VERIFIED = 'VERIFIED'
    READY = 'READY'
    COLLECTED = 'COLLECTED'
    RETURNED = 'RETURNED'
    REJECTED = 'REJECTED'


class ClaimStatus(object):
    NEW = 'NEW'
    SUBMITTED = 'SUBMITTED'
    PAID = 'PAID'
    REJECTED = 'REJECTED'
    REVERSED = 'REVERSED'
    CASH = 'CASH'
    RECONCILED = 'RECONCILED'


class OrderStatus(object):
    """supplier purchase order status (table `orders`)"""
    DRAFT = 'DRAFT'
    SUBMITTED = 'SUBMITTED'
    ACKED = 'ACKED'
    PARTIAL = 'PARTIAL'
    RECEIVED = 'RECEIVED'
    CANCELLED = 'CANCELLED'


class ShiftType(object):
    REGULAR = 'REG'
    OVERTIME = 'OT'
    ON_CALL = 'ONCALL'
    FLOAT = 'FLOAT'
