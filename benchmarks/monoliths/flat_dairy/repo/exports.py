# exports.py - files for the bank, the accountants, the ministry and whoever else asks
import os
import datetime

import settings
import db
import dbfuncs
import common


class ExportFile:
    def __init__(self, name, subdir=''):
        d = os.path.join(settings.EXPORT_DIR, subdir)
        if not os.path.isdir(d):
            os.makedirs(d)
        self.path = os.path.join(d, name)
        self.lines = []

    def add(self, line):
        self.lines.append(line)

    def add_csv(self, values):
        self.lines.append(common.csv_row(values))

    def save(self):
        f = open(self.path, 'w')
        f.write('\r\n'.join(self.lines) + '\r\n')
        f.close()
        return self.path


def fixed(value, width, align='left', fill=' '):
    s = str(value if value is not None else '')[:width]
    if align == 'right':
        return s.rjust(width, fill)
    return s.ljust(width, fill)


# ---------------------------------------------------------------- bank / payments

def bacs_file(run_id):
    """Standard 18 BACS file for the milk cheque run (the bank's bureau format)"""
    run = dbfuncs.get_payment_run(run_id)
    out = []
    total = 0
    count = 0
    pay_date = datetime.date.today() + datetime.timedelta(days=3)
    for l in dbfuncs.get_payment_lines(run_id):
        if l['payment_method'] != 'BACS' or float(l['net']) <= 0:
            continue
        bank = dbfuncs.get_bank_account(l['member_id'], pay_date)
        if not bank:
            common.log.warning('no bank account for %s', l['member_no'])
            continue
        pence = int(round(float(l['net']) * 100))
        out.append(''.join([fixed(bank['sort_code'], 6), fixed(bank['account_no'], 8), '0', '99',
                            settings.BACS_SORT, settings.BACS_ACCOUNT, fixed('', 4),
                            fixed(pence, 11, 'right', '0'), fixed('VALLEY DAIRY', 18),
                            fixed('MILK %s' % run['month'], 18), fixed(bank['account_name'].upper(), 18)]))
        total += pence
        count += 1
    out.append(''.join([settings.BACS_SORT, settings.BACS_ACCOUNT, '0', '17', settings.BACS_SORT,
                        settings.BACS_ACCOUNT, fixed('', 4), fixed(total, 11, 'right', '0'),
                        fixed('VALLEY DAIRY', 18), fixed('CONTRA', 18), fixed('VALLEY DAIRY', 18)]))
    return '\r\n'.join(out) + '\r\n'



def sage_payments_journal(run_id):
    """journal for Sage Line 50: milk purchases, deductions, VAT, net to bank"""
    run = dbfuncs.get_payment_run(run_id)
    f = ExportFile('milk_journal_%s.csv' % run['month'], 'sage')
    for l in dbfuncs.get_payment_lines(run_id):
        ref = 'MILK%s' % run['month'].replace('-', '')
        f.add_csv(['JD', '5000', l['member_no'], ref, '%0.2f' % (float(l['base_amount']) + float(l['composition_adj'])
                                                                  + float(l['quality_adj']))])
        if float(l['vat']):
            f.add_csv(['JD', '2201', l['member_no'], ref, '%0.2f' % float(l['vat'])])
        if float(l['deductions']):
            f.add_csv(['JC', '4100', l['member_no'], ref, '%0.2f' % float(l['deductions'])])
        f.add_csv(['JC', '1200', l['member_no'], ref, '%0.2f' % float(l['net'])])
    return f.save()


def remittance_advices(run_id):
    run = dbfuncs.get_payment_run(run_id)
    sent = 0
    for l in dbfuncs.get_payment_lines(run_id):
        m = dbfuncs.get_member(l['member_id'])
        if not m['email']:
            continue
        body = ['Milk payment for %s' % common.month_label(run['month']), '',
                'Litres:        %s' % common.format_litres(l['litres']),
                'Milk value:    %s' % common.format_money(l['base_amount']),
                'Composition:   %s' % common.format_money(l['composition_adj']),
                'Quality:       %s' % common.format_money(l['quality_adj']),
                'VAT:           %s' % common.format_money(l['vat']),
                'Deductions:    %s' % common.format_money(-float(l['deductions'])),
                'Net paid:      %s' % common.format_money(l['net'])]
        common.send_email(m['email'], 'Valley Dairy milk statement %s' % run['month'], '\n'.join(body))
        sent += 1
    return sent


# ---------------------------------------------------------------- ministry / collection

def rpa_monthly_return(month):
    """Rural Payments Agency milk deliveries return (litres by holding)"""
    start, end = common.month_bounds(month)
    f = ExportFile('rpa_%s.csv' % month, 'rpa')
    f.add_csv(['Holding', 'Farm', 'Litres'])
    holdings = dict([(r['id'], r) for r in db.query("SELECT id, holding_no, farm_name FROM farms")])
    for r in dbfuncs.litres_by_farm(start, end):
        farm = holdings.get(r['farm_id'], {})
        f.add_csv([farm.get('holding_no'), farm.get('farm_name'), int(r['litres'])])
    return f.save()


def route_sheet(route_id, d):
    """printed sheet the drivers take out (before we had the handhelds)"""
    route = dbfuncs.get_route(route_id)
    lines = ['ROUTE %s %s  %s' % (route['code'], route['name'], common.format_date(d)), '']
    for s in dbfuncs.get_route_stops(route_id):
        if s['pickup_days'][d.weekday()] != '1':
            continue
        lines.append('%3d  %-30s %-8s %s' % (s['seq'], s['farm_name'], s['postcode'], s['access_notes'] or ''))
        lines.append('     dip: ______  litres: ______  temp: ____  sample: [ ]')
    return '\n'.join(lines)


def pickups_export(start, end):
    f = ExportFile('pickups_%s_%s.csv' % (start, end))
    rows = db.query("""SELECT p.*, rt.code, f.holding_no FROM pickups p
                       JOIN tanker_rounds r ON r.id = p.round_id JOIN routes rt ON rt.id = r.route_id
                       JOIN farms f ON f.id = p.farm_id
                       WHERE r.round_date BETWEEN %s AND %s ORDER BY p.picked_at""", (start, end))
    for p in rows:
        f.add_csv([p['picked_at'], p['code'], p['holding_no'], p['litres'], p['temp_c'], p['sample_code'],
                   p['rejected']])
    return f.save()


# ---------------------------------------------------------------- quality

def quality_league_table(month):
    """for the newsletter - best SCC/TBC farms"""
    start, end = common.month_bounds(month)
    comps = dbfuncs.monthly_composition(start, end)
    comps = [c for c in comps if c['scc']]
    comps.sort(key=lambda c: c['scc'])
    out = []
    for c in comps[:20]:
        farm = dbfuncs.get_farm(c['farm_id'])
        out.append((farm['farm_name'], int(c['scc']), c['tbc_geo'] and int(c['tbc_geo']), common.scc_band(c['scc'])))
    return out


def penalty_report(month):
    f = ExportFile('penalties_%s.csv' % month, 'quality')
    f.add_csv(['Member', 'Farm', 'Measure', 'Avg', 'ppl', 'Litres', 'Amount', 'Waived'])
    for p in dbfuncs.get_penalties_for_month(month):
        f.add_csv([p['member_no'], p['farm_name'], p['measure'], p['avg_value'], p['ppl'], p['litres'],
                   p['amount'], p['waived_by'] and 'Y' or ''])
    return f.save()


# ---------------------------------------------------------------- sales

def sales_invoice_text(invoice_id):
    inv = dbfuncs.get_sales_invoice(invoice_id)
    lines = ['VALLEY DAIRY CO-OPERATIVE LTD', 'INVOICE %s' % inv['invoice_no'], '',
             inv['customer'], inv['address'] or '', '',
             'Period: %s   Issued: %s   Due: %s' % (common.month_label(inv['period']),
                                                     common.format_date(inv['issued']),
                                                     common.format_date(inv['due'])), '']
    for l in inv['lines']:
        lines.append('%10s l  @ %s   %s' % (l['litres'], common.format_ppl(l['ppl']), common.format_money(l['amount'])))
    lines.append('')
    lines.append('TOTAL %s (zero rated)' % common.format_money(inv['total']))
    return '\n'.join(lines)


def sage_sales_export(period):
    f = ExportFile('sales_%s.csv' % period, 'sage')
    for inv in dbfuncs.list_sales_invoices(period):
        f.add_csv(['SI', inv['customer'], '4000', inv['issued'], inv['invoice_no'], 'Milk %s' % period,
                   '%0.2f' % float(inv['total']), 'T0', '%0.2f' % float(inv['vat'] or 0)])
    return f.save()


def contract_volume_report(month):
    start, end = common.month_bounds(month)
    out = []
    for c in dbfuncs.active_contracts(end):
        delivered = sum([d['litres'] for d in dbfuncs.get_deliveries(start, end, c['id'])])
        out.append((c['customer'], c['volume_l_month'], delivered, delivered - (c['volume_l_month'] or 0)))
    return out


# ---------------------------------------------------------------- fleet

def fuel_mileage_export(start, end):
    f = ExportFile('fuel_%s_%s.csv' % (start, end), 'fleet')
    f.add_csv(['Reg', 'Fleet', 'Fuel l', 'km', 'Cost', 'km/l'])
    for r in dbfuncs.fuel_economy(start, end):
        kpl = r['fuel'] and r['km'] and float(r['km']) / float(r['fuel']) or 0
        f.add_csv([r['reg_no'], r['fleet_no'], r['fuel'], r['km'], r['cost'], '%0.2f' % kpl])
    return f.save()


def driver_hours_export(start, end):
    f = ExportFile('driver_hours_%s.csv' % start, 'fleet')
    for drv in dbfuncs.list_drivers(active_only=False):
        hrs = dbfuncs.driver_hours(drv['id'], start, end)
        if hrs:
            f.add_csv([drv['name'], drv['agency'] and 'AGENCY' or 'STAFF', '%0.2f' % float(hrs)])
    return f.save()


# ---------------------------------------------------------------- shop

def stock_valuation(depot=None):
    total = 0.0
    rows = []
    for s in dbfuncs.get_stock(depot):
        value = float(s['qty']) * float(s['price'])
        total += value
        rows.append((s['sku'], s['name'], s['depot'], s['qty'], common.format_money(value)))
    return rows, total


def shop_vat_return(start, end):
    f = ExportFile('shop_vat_%s_%s.csv' % (start, end), 'vat')
    for r in dbfuncs.shop_sales_by_vat_rate(start, end):
        f.add_csv([r['vat_rate'], '%0.2f' % float(r['net']), '%0.2f' % float(r['vat'])])
    return f.save()


# ---------------------------------------------------------------- members

def share_register(on_date=None):
    """statutory register of members & shareholdings (Co-operative Societies Act)"""
    f = ExportFile('share_register_%s.csv' % (on_date or datetime.date.today()), 'members')
    f.add_csv(['Member No', 'Name', 'Address', 'Joined', 'Shares', 'Paid up'])
    rows = db.query("""SELECT m.*, s.shares, s.paid_up FROM members m LEFT JOIN member_shares s ON s.member_id = m.id
                       WHERE m.status != 'left' ORDER BY m.member_no""")
    for m in rows:
        f.add_csv([m['member_no'], m['name'], (m['address'] or '').replace('\n', ', '), m['joined'],
                   m['shares'] or 0, m['paid_up'] or 0])
    return f.save()



if __name__ == '__main__':
    import sys
    # python exports.py rpa 2014-03
    cmd = sys.argv[1]
    if cmd == 'rpa':
        print(rpa_monthly_return(sys.argv[2]))
    elif cmd == 'register':
        print(share_register())
    elif cmd == 'sage':
        print(sage_payments_journal(int(sys.argv[2])))
