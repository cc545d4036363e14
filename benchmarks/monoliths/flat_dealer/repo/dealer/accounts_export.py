# -*- coding: utf-8 -*-
"""Daily journal export for Sage 50 (audit trail import CSV).
Each function returns journal lines: (nominal, reference, details, net, vat)."""
import os
import logging

from dealer import config, db, utils, dates

log = logging.getLogger('dealer.accounts')

NOMINALS = {
    'vehicle_sales_new': '4000', 'vehicle_sales_used': '4010', 'fees': '4020',
    'fi_commission': '4100', 'insurance_commission': '4110', 'warranty_sales': '4120',
    'labour': '4200', 'parts_workshop': '4300', 'parts_counter': '4310',
    'warranty_claims': '4210', 'stock_purchases': '5000', 'recon_internal': '5010',
}


def nominal(key):
    return NOMINALS[key]


def write_export(name, day, lines):
    path = os.path.join(config.get('export_dir'), 'sage', '%s_%s.csv' % (name, day.isoformat()))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write('type,nominal,date,reference,details,net,tax_code,vat\n')
        for nom, ref, details, net, vat in lines:
            f.write('SI,%s,%s,%s,%s,%s,%s,%s\n' % (nom, day.strftime('%d/%m/%Y'), ref,
                                                    utils.csv_escape(details), net,
                                                    'T1' if vat else 'T0', vat))
    log.info('wrote %s (%d lines)', path, len(lines))
    return path


def export_vehicle_sales(day):
    lines = []
    for d in db.query("SELECT d.id, d.deal_no, d.sale_price, v.is_new, v.reg FROM deals d "
                      "JOIN vehicles v ON v.id = d.vehicle_id WHERE d.status = 'delivered' "
                      "AND DATE(d.delivered_at) = %s", (day,)):
        gross = utils.to_decimal(d['sale_price'])
        vat = utils.vat_of(gross)
        key = 'vehicle_sales_new' if d['is_new'] else 'vehicle_sales_used'
        lines.append((nominal(key), d['deal_no'], d['reg'], gross - vat, vat))
        for fee in db.query('SELECT fee_type, amount FROM deal_fees WHERE deal_id = %s', (d['id'],)):
            # RFL and first reg are outside the scope of VAT
            vatable = fee['fee_type'] not in ('rfl', 'first_reg')
            amt = utils.to_decimal(fee['amount'])
            fv = utils.vat_of(amt) if vatable else 0
            lines.append((nominal('fees'), d['deal_no'], fee['fee_type'], amt - fv, fv))
    return lines


def export_fi_income(day):
    lines = []
    for p in db.query("SELECT p.policy_no, p.product, p.dealer_commission, d.deal_no FROM insurance_policies p "
                      "LEFT JOIN deals d ON d.id = p.deal_id WHERE p.starts_on = %s AND p.cancelled = 0",
                      (day,)):
        lines.append((nominal('insurance_commission'), p['deal_no'] or p['policy_no'], p['product'],
                      p['dealer_commission'], 0))   # insurance is VAT exempt
    for w in db.query("SELECT wc.id, wc.sold_price, d.deal_no FROM warranty_contracts wc "
                      "LEFT JOIN deals d ON d.id = wc.deal_id WHERE wc.starts_on = %s", (day,)):
        gross = utils.to_decimal(w['sold_price'])
        lines.append((nominal('warranty_sales'), w['deal_no'] or 'W%d' % w['id'], 'warranty',
                      gross, 0))
    for f in db.query("SELECT f.id, f.amount, l.commission_pct, l.name FROM finance_applications f "
                      "JOIN lenders l ON l.id = f.lender_id JOIN deals d ON d.finance_app_id = f.id "
                      "WHERE f.status = 'paid_out' AND DATE(d.delivered_at) = %s", (day,)):
        comm = utils.round_money(utils.to_decimal(f['amount']) * utils.to_decimal(f['commission_pct']) / 100)
        lines.append((nominal('fi_commission'), 'FA%d' % f['id'], f['name'], comm, 0))
    return lines


def export_service_invoices(day):
    lines = []
    for r in db.query("SELECT id, ro_no, pay_type, total FROM repair_orders WHERE status = 'invoiced' "
                      "AND DATE(closed_at) = %s", (day,)):
        lab = db.query_value('SELECT COALESCE(SUM(sold_hours * rate), 0) FROM ro_labour WHERE ro_id = %s',
                             (r['id'],), 0)
        prt = db.query_value('SELECT COALESCE(SUM(qty * unit_price), 0) FROM ro_parts WHERE ro_id = %s',
                             (r['id'],), 0)
        if r['pay_type'] == 'I':
            lines.append((nominal('recon_internal'), r['ro_no'], 'internal', lab + prt, 0))
            continue
        if r['pay_type'] == 'W':
            lines.append((nominal('warranty_claims'), r['ro_no'], 'warranty', lab + prt, 0))
            continue
        lines.append((nominal('labour'), r['ro_no'], 'labour', lab, utils.round_money(lab * utils.to_decimal('0.2'))))
        lines.append((nominal('parts_workshop'), r['ro_no'], 'parts', prt, utils.round_money(prt * utils.to_decimal('0.2'))))
    return lines


def export_parts_counter(day):
    lines = []
    for s in db.query("SELECT id, qty, unit_price FROM counter_sales WHERE DATE(sold_at) = %s", (day,)):
        net = utils.round_money(utils.to_decimal(s['qty']) * utils.to_decimal(s['unit_price']))
        lines.append((nominal('parts_counter'), 'CS%d' % s['id'], 'counter sale', net,
                      utils.round_money(net * utils.to_decimal('0.2'))))
    return lines


def export_stock_purchases(day):
    lines = []
    for v in db.query("SELECT stock_no, reg, purchase_price, source FROM vehicles WHERE arrived_on = %s "
                      "AND owner_customer_id IS NULL", (day,)):
        lines.append((nominal('stock_purchases'), v['stock_no'], '%s %s' % (v['source'], v['reg'] or ''),
                      v['purchase_price'] or 0, 0))
    return lines


def run_all(day=None):
    day = day or dates.previous_working_day() if hasattr(dates, 'previous_working_day') else dates.today()
    for name, fn in (('vehicles', export_vehicle_sales), ('fi', export_fi_income),
                     ('service', export_service_invoices), ('parts', export_parts_counter),
                     ('purchases', export_stock_purchases)):
        write_export(name, day, fn(day))
