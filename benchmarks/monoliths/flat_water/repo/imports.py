"""File imports: handheld meter reader uploads, bank lockbox files, LIMS exports."""
import os
import csv
import glob
import shutil
import logging

import config
import db
import utils

log = logging.getLogger('water.imports')


def read_csv_rows(path, delimiter=','):
    with open(path, newline='', encoding='utf-8-sig') as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def archive_file(path):
    done = os.path.join(os.path.dirname(path), 'done')
    if not os.path.isdir(done):
        os.makedirs(done)
    shutil.move(path, os.path.join(done, os.path.basename(path)))


def import_handheld_readings(path):
    """Itron handheld export: ROUTE;SERIAL;DATE;READING;CODE"""
    import core
    ok, bad = 0, []
    for row in read_csv_rows(path, delimiter=';'):
        serial = (row.get('SERIAL') or '').strip().upper()
        m = db.query_one('SELECT id FROM meters WHERE serial_no = ?', (serial,))
        if not m:
            bad.append((serial, 'unknown meter'))
            continue
        route = db.query_one('SELECT id FROM reading_routes WHERE route_code = ?', (row.get('ROUTE'),))
        code = (row.get('CODE') or '').strip()
        try:
            if code in ('NOACC', 'DOG', 'LOCKED'):
                rid = core.estimate_reading(m['id'], utils.parse_date(row['DATE']).isoformat())
                if rid:
                    core.flag_read_exception(rid, 'NOACC', code)
            else:
                core.record_reading(m['id'], row['READING'], utils.parse_date(row['DATE']).isoformat(),
                                    route_id=route['id'] if route else None)
            ok += 1
        except Exception as e:
            bad.append((serial, str(e)))
    log.info('handheld import %s: %d ok, %d bad', path, ok, len(bad))
    return ok, bad


def import_lockbox_file(path):
    """Bank lockbox fixed-width: acc no (9) | amount cents (12) | date yyyymmdd | ref (20)"""
    import billing
    batch_id = billing.open_batch('LOCKBOX', os.path.basename(path))
    unmatched = []
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith('H') or line.startswith('T'):
                continue
            acc_no = utils.format_account_no(line[1:10])
            cents = utils.safe_int(line[10:22], 0)
            date = utils.parse_date(line[22:30].strip()[:4] + '-' + line[26:28] + '-' + line[28:30])
            ref = line[30:50].strip()
            acct = db.query_one('SELECT id FROM accounts WHERE account_no = ?', (acc_no,))
            if not acct:
                unmatched.append((acc_no, cents, ref))
                continue
            billing.record_payment(acct['id'], utils.to_decimal(cents) / 100, 'LOCKBOX', ref, batch_id,
                                   date.isoformat())
    billing.close_batch(batch_id)
    return batch_id, unmatched


def import_debit_order_returns(path):
    import billing
    n = 0
    for row in read_csv_rows(path):
        p = db.query_one("SELECT id FROM payments WHERE reference = ? AND method = 'DEBIT' AND status = 'POSTED'",
                         (row['reference'],))
        if p:
            billing.reverse_payment(p['id'], 'debit order returned: ' + row.get('reason', ''), status='RETURNED')
            n += 1
    return n


def import_lims_results(path):
    import quality
    import field
    samples = set()
    for row in read_csv_rows(path):
        sid = field.receive_sample_at_lab(row['SampleNo'], row.get('LabRef'))
        if sid is None:
            sid = db.query_scalar('SELECT id FROM lab_samples WHERE sample_no = ?', (row['SampleNo'],))
        if sid is None:
            log.warning('LIMS row for unknown sample %s', row['SampleNo'])
            continue
        quality.record_result(sid, row['Param'], utils.safe_float(row.get('Value')), row.get('Qual'),
                              row.get('Analyst'), row.get('Date'))
        samples.add(sid)
    for sid in samples:
        quality.check_sample_compliance(sid)
    return len(samples)


def scan_dir(dirname, pattern, handler):
    done = []
    for path in sorted(glob.glob(os.path.join(dirname, pattern))):
        try:
            handler(path)
            archive_file(path)
            done.append(path)
        except Exception:
            log.exception('import of %s failed', path)
    return done


def legacy_import_customers_dbf(path):
    # one-off from 2019 migration off the DOS system. keep for reference
    raise NotImplementedError('dbf import retired - see migrations/2019_customers.sql')
