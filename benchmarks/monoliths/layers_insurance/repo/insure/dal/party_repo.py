from sqlalchemy import func, or_

from insure.dal.base import BaseRepository
from insure.models.party import KycCheck, Party, PartyAddress


class PartyRepository(BaseRepository):
    model = Party

    def search(self, term):
        like = "%%%s%%" % term.lower()
        return (self.query()
                .filter(Party.deleted == False)  # noqa: E712
                .filter(or_(func.lower(Party.last_name).like(like),
                            func.lower(Party.company_name).like(like),
                            func.lower(Party.email).like(like),
                            Party.reference == term.upper()))
                .order_by(Party.last_name)
                .limit(100)
                .all())

    def find_duplicates(self, last_name, birth_date, postcode):
        return (self.query()
                .join(PartyAddress)
                .filter(func.lower(Party.last_name) == last_name.lower())
                .filter(Party.birth_date == birth_date)
                .filter(PartyAddress.postcode == postcode.replace(" ", "").upper())
                .all())

    def last_kyc(self, party_id):
        return (self.session.query(KycCheck)
                .filter(KycCheck.party_id == party_id)
                .order_by(KycCheck.checked_at.desc())
                .first())


def get_party(party_id):
    # older code calls this instead of the repository
    return PartyRepository().get_or_404(party_id)
