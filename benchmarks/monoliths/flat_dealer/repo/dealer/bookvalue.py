# -*- coding: utf-8 -*-
# CAP / Glass's valuation lookups. Cached in book_values for 7 days because
# CAP charge per lookup (!!)
import urllib
import urllib2
import datetime
from xml.etree import ElementTree

import db
import config
import utils

CACHE_DAYS = 7


def cached(reg):
    cutoff = datetime.datetime.now() - datetime.timedelta(days=CACHE_DAYS)
    return db.query_one("SELECT * FROM book_values WHERE reg = %s AND fetched_at > %s "
                        "ORDER BY fetched_at DESC LIMIT 1", (reg, cutoff))


def fetch_cap(reg, mileage):
    params = urllib.urlencode({'subscriberId': config.get('cap_key'), 'vrm': reg,
                               'mileage': mileage or 0, 'database': 'CAR'})
    try:
        resp = urllib2.urlopen(config.get('cap_url') + '?' + params, timeout=20)
        tree = ElementTree.fromstring(resp.read())
    except urllib2.URLError, e:
        print "CAP lookup failed for %s: %s" % (reg, e)
        return None
    trade = tree.findtext('.//Valuation/Clean')
    retail = tree.findtext('.//Valuation/Retail')
    if not trade:
        return None
    return {'trade_value': utils.to_decimal(trade), 'retail_value': utils.to_decimal(retail),
            'provider': 'cap'}


def fetch_glass(reg, mileage):
    # Glass's contract ended 2016, kept in case we go back
    return None


def lookup(reg, mileage=None, force=False):
    reg = utils.normalise_reg(reg)
    if not reg:
        return None
    if not force:
        row = cached(reg)
        if row:
            return row
    val = fetch_cap(reg, mileage) or fetch_glass(reg, mileage)
    if val is None:
        return None
    db.execute('INSERT INTO book_values (reg, provider, trade_value, retail_value, fetched_at) '
               'VALUES (%s, %s, %s, %s, NOW())',
               (reg, val['provider'], val['trade_value'], val['retail_value']))
    val['reg'] = reg
    return val


def purge_old(days=90):
    n = db.execute('DELETE FROM book_values WHERE fetched_at < DATE_SUB(NOW(), INTERVAL %s DAY)',
                   (days,))
    print "purged %d book values" % n
