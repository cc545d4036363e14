# -*- coding: utf-8 -*-
# ONE-OFF (March 2016): commission was accrued twice for deals delivered on
# the day the nightly job and the deliver button both fired. Run once, with
# --apply. Left here for the auditors. DO NOT RUN AGAIN.
import sys
from collections import defaultdict

from dealer import db


def find_duplicates():
    rows = db.query("SELECT id, employee_id, deal_id, kind, amount FROM commission_entries "
                    "WHERE deal_id IS NOT NULL AND kind IN ('front', 'back', 'unit') "
                    "AND period BETWEEN '2015-10' AND '2016-02' ORDER BY id")
    seen = defaultdict(list)
    for r in rows:
        seen[(r['employee_id'], r['deal_id'], r['kind'])].append(r)
    return [v[1:] for v in seen.values() if len(v) > 1]


def fix(apply=False):
    dupes = [r for group in find_duplicates() for r in group]
    total = sum(r['amount'] for r in dupes)
    print('%d duplicate entries, total %s' % (len(dupes), total))
    if apply:
        for r in dupes:
            db.execute('DELETE FROM commission_entries WHERE id = %s', (r['id'],))
    return len(dupes)


if __name__ == '__main__':
    fix('--apply' in sys.argv)
