"""One-off import of the booking spreadsheet (2018 artists + agents).

DEAD CODE: run once in January 2019. Kept 'just in case'.
"""
import csv
import logging

from festival.extensions import db
from festival.models import Agent, Artist, ArtistBooking
from festival.utils.money import to_pence
from festival.utils.text import normalise_email, slugify

log = logging.getLogger(__name__)

GENRE_FIXES = {
    "d&b": "drum and bass",
    "dnb": "drum and bass",
    "hiphop": "hip hop",
    "hip-hop": "hip hop",
    "indie rock": "indie",
}


def clean_genre(raw):
    raw = (raw or "").strip().lower()
    return GENRE_FIXES.get(raw, raw) or None


class AgentMatcher(object):
    """Spreadsheet had agents typed 20 different ways."""

    def __init__(self):
        self.by_email = {normalise_email(a.email): a for a in Agent.query.all()}
        self.by_name = {a.name.lower(): a for a in Agent.query.all()}

    def match(self, name, email):
        email = normalise_email(email)
        if email and email in self.by_email:
            return self.by_email[email]
        if name and name.lower() in self.by_name:
            return self.by_name[name.lower()]
        if not email:
            return None
        agent = Agent(name=name or email, email=email)
        db.session.add(agent)
        db.session.flush()
        self.by_email[email] = agent
        self.by_name[(name or email).lower()] = agent
        return agent


def import_booking_sheet(path, year=2018):
    matcher = AgentMatcher()
    created = 0
    with open(path) as fh:
        for row in csv.DictReader(fh):
            name = row.get("Artist", "").strip()
            if not name:
                continue
            artist = Artist.query.filter_by(slug=slugify(name)).first()
            if artist is None:
                artist = Artist(name=name, slug=slugify(name), genre=clean_genre(row.get("Genre")),
                                country=(row.get("Country") or "GB")[:2].upper())
                db.session.add(artist)
                db.session.flush()
                created += 1
            agent = matcher.match(row.get("Agent"), row.get("Agent email"))
            if agent is not None:
                artist.agent_id = agent.id
            if row.get("Fee"):
                db.session.add(ArtistBooking(artist_id=artist.id, festival_year=year,
                                             status="confirmed",
                                             fee_pence=to_pence(row["Fee"].replace(",", "").replace(u"\u00a3", ""))))
    db.session.commit()
    log.info("imported %d artists", created)
    return created
