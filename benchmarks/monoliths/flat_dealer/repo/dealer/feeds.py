# -*- coding: utf-8 -*-
# Stock feeds to AutoTrader / our website / eBay Motors (eBay is dead since 2015).
# Run from cron every 2 hours:  python -m dealer.feeds
import os
import csv
import ftplib
import urllib2
import json
import StringIO
import datetime

import db
import config
import utils
import inventory

FEED_COLUMNS = ['stock_no', 'reg', 'make', 'model', 'derivative', 'year', 'colour',
                'fuel', 'mileage', 'retail_price', 'photos', 'options']


def feed_rows():
    rows = db.query("SELECT * FROM vehicles WHERE status IN ('in_stock', 'reserved') "
                    "AND owner_customer_id IS NULL AND retail_price > 0")
    out = []
    for v in rows:
        photos = inventory.photos_for(v['id'])
        if not photos:
            continue   # AT rejects adverts with no photos
        opts = db.query('SELECT description FROM vehicle_options WHERE vehicle_id = %s',
                        (v['id'],))
        v['photos'] = '|'.join(['http://www.harrowmotors.co.uk/photos/%d/%s' %
                                (v['id'], p['filename']) for p in photos])
        v['options'] = '|'.join([o['description'] for o in opts])
        out.append(v)
    return out


def build_autotrader_csv(rows):
    buf = StringIO.StringIO()
    w = csv.writer(buf)
    w.writerow(FEED_COLUMNS)
    for r in rows:
        w.writerow([unicode(r.get(c) or '').encode('utf-8') for c in FEED_COLUMNS])
    return buf.getvalue()


def upload_autotrader(data):
    ftp = ftplib.FTP(config.get('feed_ftp_host'))
    try:
        ftp.login(config.get('feed_ftp_user'), config.get('feed_ftp_pass'))
        ftp.storbinary('STOR harrow_stock.csv', StringIO.StringIO(data))
    finally:
        ftp.quit()


def build_website_json(rows):
    items = []
    for r in rows:
        items.append({
            'id': r['id'],
            'stock_no': r['stock_no'],
            'title': '%s %s %s' % (r['make'], r['model'], r['derivative'] or ''),
            'price': float(r['retail_price']),
            'mileage': r['mileage'],
            'year': r['year'],
            'reserved': r['status'] == 'reserved',
            'photos': r['photos'].split('|'),
        })
    return json.dumps({'generated': datetime.datetime.now().isoformat(), 'vehicles': items})


def push_website(data):
    req = urllib2.Request('https://www.harrowmotors.co.uk/api/stock-import', data,
                          {'Content-Type': 'application/json',
                           'X-Api-Key': config.get('secret')})
    try:
        resp = urllib2.urlopen(req, timeout=30)
        print "website push:", resp.getcode()
    except urllib2.URLError, e:
        print "website push failed:", e


def fetch_autotrader_leads():
    """AT posts enquiries to an inbox we poll. Creates leads rows."""
    url = 'https://leads.autotrader.example/v1/dealer/harrow/enquiries?since=%s' % \
        (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    try:
        data = json.loads(urllib2.urlopen(url, timeout=30).read())
    except Exception, e:
        print "AT leads fetch failed", e
        return 0
    n = 0
    for enq in data.get('enquiries', []):
        exists = db.query_one("SELECT id FROM leads WHERE source = 'autotrader' "
                              "AND raw_payload LIKE %s", ('%' + enq['id'] + '%',))
        if exists:
            continue
        cust_id = db.customer_exists(enq.get('email'), enq.get('phone'))
        veh = db.get_vehicle_by_stock(enq.get('advertId'))
        db.execute("INSERT INTO leads (customer_id, source, interest_vehicle_id, status, "
                   "raw_payload, created_at) VALUES (%s, 'autotrader', %s, 'new', %s, NOW())",
                   (cust_id, veh and veh['id'], json.dumps(enq)))
        n += 1
    return n


def run():
    rows = feed_rows()
    print "feed: %d vehicles" % len(rows)
    upload_autotrader(build_autotrader_csv(rows))
    push_website(build_website_json(rows))
    print "AT leads:", fetch_autotrader_leads()


if __name__ == '__main__':
    run()
