"""
Fixture generation for the council-run leagues (5-a-side, netball, walking football).

Round robin by the circle method; double round robin if the league wants
home and away.  Pitches are then booked through the normal booking code so
they show up on the centre's day sheet.
"""
import datetime
import logging

import queries as q
import dateutils
from db import execute, query_all

log = logging.getLogger('lsbs.fixtures')

BYE = None


def round_robin(team_ids, double=False):
    teams = list(team_ids)
    if len(teams) % 2:
        teams.append(BYE)
    n = len(teams)
    rounds = []
    for r in range(n - 1):
        pairs = []
        for i in range(n // 2):
            a, b = teams[i], teams[n - 1 - i]
            if a is BYE or b is BYE:
                continue
            # alternate home/away so nobody is always at home
            if r % 2:
                a, b = b, a
            pairs.append((a, b))
        rounds.append(pairs)
        teams = [teams[0]] + [teams[-1]] + teams[1:-1]
    if double:
        rounds = rounds + [[(b, a) for (a, b) in rnd] for rnd in rounds]
    return rounds


def generate_fixtures(league_id, first_date, kickoff_time, slot_minutes=60, double=False):
    league = q.get_league(league_id)
    teams = [t['id'] for t in q.teams_in_league(league_id)]
    if len(teams) < 2:
        raise ValueError('need at least two teams')
    existing = query_all('SELECT id FROM fixtures WHERE league_id = %s', (league_id,))
    if existing:
        raise ValueError('league already has fixtures - delete them first')
    created = []
    for rnd_no, pairs in enumerate(round_robin(teams, double=double), 1):
        day = first_date + datetime.timedelta(weeks=rnd_no - 1)
        while dateutils.is_bank_holiday(day):
            day += datetime.timedelta(weeks=1)
        for i, (home, away) in enumerate(pairs):
            ko = datetime.datetime.combine(day, kickoff_time) + datetime.timedelta(minutes=slot_minutes * i)
            fid = q.insert_fixture(league_id, rnd_no, home, away, ko, league['home_facility_id'])
            created.append(fid)
    log.info('league %s: %d fixtures', league_id, len(created))
    return created


def book_pitches(league_id, staff_id=None, slot_minutes=60):
    """Create bookings for every fixture that hasn't got one.  The league's
    organiser account (captain of the first team... yes really) is the booker."""
    from logic import make_booking
    from errors import SlotUnavailable
    league = q.get_league(league_id)
    booker = query_all('SELECT captain_id FROM teams WHERE league_id = %s ORDER BY id LIMIT 1', (league_id,))
    if not booker:
        return 0, []
    booker_id = booker[0]['captain_id']
    done = 0
    failed = []
    for fx in q.fixtures_for_league(league_id):
        if fx['booking_id'] or not fx['kickoff'] or fx['status'] != 'scheduled':
            continue
        facility_id = fx['facility_id'] or league['home_facility_id']
        try:
            booking = make_booking(booker_id, facility_id, fx['kickoff'],
                                   fx['kickoff'] + datetime.timedelta(minutes=slot_minutes),
                                   staff_id=staff_id, invoice=False, confirm=True)
        except SlotUnavailable as e:
            failed.append((fx['id'], str(e)))
            continue
        q.set_fixture_booking(fx['id'], booking['id'], facility_id)
        done += 1
    return done, failed


def postpone_fixture(fixture_id, reason=None):
    fx = q.get_fixture(fixture_id)
    execute("UPDATE fixtures SET status = 'postponed' WHERE id = %s", (fixture_id,))
    if fx['booking_id']:
        # release the pitch - no refund, league bookings aren't invoiced individually
        q.set_booking_status(fx['booking_id'], 'cancelled')
        q.insert_cancellation(fx['booking_id'], reason or 'fixture postponed', 0)
    return fx


def rearrange_fixture(fixture_id, new_kickoff):
    execute("UPDATE fixtures SET kickoff = %s, status = 'scheduled', booking_id = NULL WHERE id = %s",
            (new_kickoff, fixture_id))
