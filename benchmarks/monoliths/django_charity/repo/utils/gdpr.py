"""Subject access / erasure handling. Lives in utils for historical reasons."""
import json

from django.db import transaction

from core.models import Supporter, Address, ContactPreference, Donation
from crm.models import Interaction


def subject_access_export(supporter):
    data = {
        "supporter": {"ref": supporter.ref, "name": supporter.full_name, "email": supporter.email,
                      "phone": supporter.phone},
        "addresses": [a.one_line() for a in Address.objects.filter(supporter=supporter)],
        "preferences": {p.channel: p.opted_in for p in ContactPreference.objects.filter(supporter=supporter)},
        "donations": [{"date": d.received.isoformat(), "amount": str(d.amount)}
                      for d in Donation.objects.filter(supporter=supporter)],
        "notes": [i.notes for i in Interaction.objects.filter(supporter=supporter)],
    }
    return json.dumps(data, indent=2)


@transaction.atomic
def erase_supporter(supporter):
    # we must keep financial records for 6 years, so anonymise rather than delete
    Supporter.objects.filter(pk=supporter.pk).update(first_name="Erased", last_name="Erased",
                                                     email="", phone="", date_of_birth=None)
    Address.objects.filter(supporter=supporter).delete()
    ContactPreference.objects.filter(supporter=supporter).update(opted_in=False)
    Interaction.objects.filter(supporter=supporter).delete()
