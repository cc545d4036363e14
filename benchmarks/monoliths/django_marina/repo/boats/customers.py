import logging

from django.db import transaction
from django.utils import timezone

from boats.models import Boat, InsurancePolicy, Owner, OwnerContact

log = logging.getLogger(__name__)


def next_account_ref():
    last = Owner.objects.order_by('-id').values_list('account_ref', flat=True).first()
    n = int(last[1:]) + 1 if last and last[1:].isdigit() else 1
    return 'C%05d' % n


def find_owner(q):
    q = (q or '').strip()
    if not q:
        return Owner.objects.none()
    if q.upper().startswith('C') and q[1:].isdigit():
        return Owner.objects.filter(account_ref__iexact=q)
    return Owner.objects.current().search(q)


def owner_has_valid_insurance(owner, on=None):
    on = on or timezone.localdate()
    boats = owner.boats.all()
    if not boats:
        return True
    for boat in boats:
        if not InsurancePolicy.objects.filter(boat=boat, expires__gte=on).exists():
            return False
    return True


@transaction.atomic
def merge_owners(keep, dupe):
    """Office keeps creating duplicates from the website form."""
    from main.models import BerthAllocation, Invoice, WaitingListEntry
    for model in (Boat, OwnerContact):
        model.objects.filter(owner=dupe).update(owner=keep)
    # these are other apps' tables but the office wants one button
    BerthAllocation.objects.filter(owner=dupe).update(owner=keep)
    Invoice.objects.filter(owner=dupe).update(owner=keep)
    WaitingListEntry.objects.filter(owner=dupe).update(owner=keep)
    dupe.archived = True
    dupe.save()
    log.info('merged owner %s into %s', dupe.account_ref, keep.account_ref)
    return keep


def anonymise_owner(owner):
    # GDPR erasure request. Invoices are kept (7 years) but personal data goes.
    owner.first_name = 'Erased'
    owner.surname = owner.account_ref
    owner.email = ''
    owner.phone = ''
    owner.address = ''
    owner.postcode = ''
    owner.archived = True
    owner.save()
    owner.contacts.all().delete()
