"""NMR lab integration - result files come in by FTP every morning.

Two formats: the new CSV (since 2012) and the old fixed width .DAT files,
which the Brackley lab still sends.
"""
import ftplib
import os
import shutil
import datetime
import csv
import io

import settings
import db
import dbfuncs
import common

CSV_COLUMNS = ['SampleRef', 'SupplierNo', 'DateTaken', 'Fat', 'Protein', 'Lactose', 'SCC', 'TBC', 'Inhib']


class LabRow:
    def __init__(self, code, supplier, taken, fat, protein, lactose, scc, tbc, inhibitor):
        self.code = code
        self.supplier = supplier
        self.taken = taken
        self.fat = fat
        self.protein = protein
        self.lactose = lactose
        self.scc = scc
        self.tbc = tbc
        self.inhibitor = inhibitor

    def is_complete(self):
        return self.fat is not None and self.protein is not None


def parse_csv(content):
    rows, errors = [], []
    reader = csv.DictReader(io.StringIO(content.decode('latin-1')))
    for n, r in enumerate(reader):
        try:
            rows.append(normalise_row(r))
        except (KeyError, ValueError) as e:
            errors.append('line %d: %s' % (n + 2, e))
    return rows, errors


def parse_fixed_width(content):
    """old .DAT format: ref(10) supplier(7) date(6) fat(5) prot(5) lact(5) scc(7) tbc(7) inhib(1)"""
    rows, errors = [], []
    for n, line in enumerate(content.decode('latin-1').splitlines()):
        if not line.strip() or line.startswith('*'):
            continue
        try:
            r = {'SampleRef': line[0:10], 'SupplierNo': line[10:17], 'DateTaken': line[17:23],
                 'Fat': line[23:28], 'Protein': line[28:33], 'Lactose': line[33:38],
                 'SCC': line[38:45], 'TBC': line[45:52], 'Inhib': line[52:53]}
            rows.append(normalise_row(r, fixed=True))
        except (KeyError, ValueError) as e:
            errors.append('line %d: %s' % (n + 1, e))
    return rows, errors


def normalise_row(r, fixed=False):
    def num(v):
        v = (v or '').strip()
        if not v or v == '-':
            return None
        return float(v)
    taken = r['DateTaken'].strip()
    if fixed:
        taken = datetime.datetime.strptime(taken, '%d%m%y').date()
    else:
        taken = common.parse_date(taken)
    scc = num(r['SCC'])
    if scc is not None and scc < 10000:
        scc = scc * 1000    # some labs report in thousands
    return LabRow(r['SampleRef'].strip(), r['SupplierNo'].strip(), taken, num(r['Fat']), num(r['Protein']),
                  num(r['Lactose']), scc and int(scc), num(r['TBC']) and int(num(r['TBC'])),
                  (r.get('Inhib') or '').strip().upper() in ('Y', '1', 'P', '+'))


def match_sample(row):
    s = dbfuncs.get_sample_by_code(row.code)
    if s:
        return s
    # sample wasn't registered on the round (driver forgot to scan) - make one up from supplier no
    member = dbfuncs.get_member_by_no(row.supplier)
    if not member:
        cands = dbfuncs.legacy_member_lookup(row.supplier)
        if len(cands) != 1:
            return None
        member = cands[0]
    farms = dbfuncs.get_farms_for_member(member['id'])
    if len(farms) != 1:
        return None
    sid = dbfuncs.create_sample(row.code, farms[0]['id'], None, row.taken)
    return db.query_one("SELECT * FROM lab_samples WHERE id = %s", (sid,))


def import_lab_file(filename, content):
    if dbfuncs.already_imported(filename):
        return 0, 0, ['%s already imported' % filename]
    if filename.upper().endswith('.DAT'):
        rows, errors = parse_fixed_width(content)
    else:
        rows, errors = parse_csv(content)
    ok = 0
    for row in rows:
        s = match_sample(row)
        if not s:
            errors.append('%s: no sample / supplier %s' % (row.code, row.supplier))
            continue
        dbfuncs.save_sample_result(s['id'], row.fat, row.protein, row.lactose, row.scc, row.tbc,
                                   row.inhibitor and 1 or 0)
        if row.inhibitor:
            alert_inhibitor(s, row)
        ok += 1
    dbfuncs.log_lab_import(filename, ok, len(errors), errors)
    return ok, len(errors), errors


def alert_inhibitor(sample, row):
    farm = dbfuncs.get_farm(sample['farm_id'])
    round_id = None
    if sample['pickup_id']:
        p = db.query_one("SELECT round_id FROM pickups WHERE id = %s", (sample['pickup_id'],))
        round_id = p and p['round_id']
    others = round_id and db.query("SELECT DISTINCT farm_id FROM pickups WHERE round_id = %s", (round_id,)) or []
    body = 'Inhibitor positive: %s (%s) sample %s taken %s\n' % (farm['farm_name'], farm['member_no'],
                                                                 row.code, row.taken)
    if round_id:
        body += 'Round %s carried %d farms - check the load!\n' % (round_id, len(others))
    common.send_email(settings.OFFICE_EMAIL, 'INHIBITOR: %s' % farm['farm_name'], body)
    common.send_email(settings.TRANSPORT_EMAIL, 'INHIBITOR: %s' % farm['farm_name'], body)


def fetch_from_ftp():
    got = []
    ftp = ftplib.FTP(settings.LAB_FTP_HOST, settings.LAB_FTP_USER, settings.LAB_FTP_PASS)
    try:
        for name in ftp.nlst():
            if not (name.upper().endswith('.CSV') or name.upper().endswith('.DAT')):
                continue
            local = os.path.join(settings.LAB_INBOX, name)
            if os.path.exists(local):
                continue
            f = open(local, 'wb')
            ftp.retrbinary('RETR %s' % name, f.write)
            f.close()
            got.append(local)
    finally:
        ftp.quit()
    return got


def archive_file(path):
    dest = os.path.join(settings.LAB_ARCHIVE, datetime.date.today().strftime('%Y%m'))
    if not os.path.isdir(dest):
        os.makedirs(dest)
    shutil.move(path, os.path.join(dest, os.path.basename(path)))


def import_inbox():
    results = {}
    for name in sorted(os.listdir(settings.LAB_INBOX)):
        path = os.path.join(settings.LAB_INBOX, name)
        content = open(path, 'rb').read()
        results[name] = import_lab_file(name, content)
        archive_file(path)
    return results


def overdue_samples(days=5):
    """samples taken but no result after N days - chase the lab"""
    return db.query("""SELECT s.*, f.farm_name FROM lab_samples s JOIN farms f ON f.id = s.farm_id
                       WHERE s.status IN ('taken','at_lab')
                       AND s.taken_on < DATE_SUB(CURDATE(), INTERVAL %s DAY)""", (days,))


def high_scc_farms(month, limit=250000):
    start, end = common.month_bounds(month)
    return [c for c in dbfuncs.monthly_composition(start, end) if c['scc'] and c['scc'] > limit]


def charge_retest_fees(month, fee=4.50):
    """members pay for retests they asked for (board decision 2014)"""
    rows = db.query("""SELECT f.member_id, COUNT(*) AS n FROM lab_samples s JOIN farms f ON f.id = s.farm_id
                       WHERE s.sample_code LIKE 'RT%%' AND DATE_FORMAT(s.taken_on, '%%Y-%%m') = %s
                       GROUP BY f.member_id""", (month,))
    for r in rows:
        dbfuncs.add_deduction(r['member_id'], month, 'retest', fee * r['n'], 'RETEST', 'quality')
    return len(rows)


def legacy_import_dbf(path):
    # the 2009 lab sent dBase files. Nobody has one now. TODO delete
    raise NotImplementedError('dbf import removed when lab changed, see svn r340')
