"""League tables.  Calculated on the fly - there used to be a league_standings
table but it kept going out of sync."""
import queries as q


class TableRow(object):

    def __init__(self, team_id, name):
        self.team_id = team_id
        self.name = name
        self.played = self.won = self.drawn = self.lost = 0
        self.goals_for = self.goals_against = 0
        self.points = 0
        self.deducted = 0

    @property
    def goal_diff(self):
        return self.goals_for - self.goals_against

    def as_dict(self):
        d = dict(self.__dict__)
        d['goal_diff'] = self.goal_diff
        return d


def sort_key(row):
    return (-row.points, -row.goal_diff, -row.goals_for, row.name.lower())


def compute_table(league_id):
    league = q.get_league(league_id)
    rows = {}
    for t in q.teams_in_league(league_id, include_withdrawn=False):
        rows[t['id']] = TableRow(t['id'], t['name'])
    for r in q.results_for_league(league_id):
        home = rows.get(r['home_team_id'])
        away = rows.get(r['away_team_id'])
        if home is None or away is None:
            # result against a withdrawn team - expunged
            continue
        home.played += 1
        away.played += 1
        home.goals_for += r['home_score']
        home.goals_against += r['away_score']
        away.goals_for += r['away_score']
        away.goals_against += r['home_score']
        if r['home_score'] > r['away_score']:
            home.won += 1
            away.lost += 1
            home.points += league['points_win']
        elif r['home_score'] < r['away_score']:
            away.won += 1
            home.lost += 1
            away.points += league['points_win']
        else:
            home.drawn += 1
            away.drawn += 1
            home.points += league['points_draw']
            away.points += league['points_draw']
    return sorted(rows.values(), key=sort_key)


def table_as_text(league_id):
    lines = ['%-3s %-28s %3s %3s %3s %3s %4s %4s' % ('#', 'Team', 'P', 'W', 'D', 'L', 'GD', 'Pts')]
    for i, r in enumerate(compute_table(league_id), 1):
        lines.append('%-3d %-28s %3d %3d %3d %3d %4d %4d' % (
            i, r.name[:28], r.played, r.won, r.drawn, r.lost, r.goal_diff, r.points))
    return '\n'.join(lines)
