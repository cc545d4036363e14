"""Rx vial labels (Zebra ZPL).  Layout matches the 2013 state board requirements."""
import common
import dt_helpers
import printing
import utils
from dbconn import query, query_one, execute, insert_and_get_id

log = common.get_logger('rxbo.labels')

AUX_LABELS = {
    'CII': 'CAUTION: Federal law prohibits the transfer of this drug to any person other than the patient',
    'DROWSY': 'May cause drowsiness. Alcohol may intensify this effect.',
    'FOOD': 'Take with food.',
    'SHAKE': 'Shake well before using.',
    'FRIDGE': 'Keep refrigerated. Do not freeze.',
}

AUX_BY_INGREDIENT = {
    'HYDROCODONE': ['DROWSY'],
    'OXYCODONE': ['DROWSY'],
    'METFORMIN': ['FOOD'],
    'AMOXICILLIN': ['SHAKE'],
    'INSULIN': ['FRIDGE'],
}


def aux_warnings_for_product(product):
    out = []
    if product.get('dea_schedule'):
        out.append('CII')
    for ing, codes in AUX_BY_INGREDIENT.items():
        if ing in (product.get('active_ingredient') or '').upper():
            out.extend(codes)
    return [AUX_LABELS[c] for c in out]


def build_label_text(event_id):
    row = query_one("SELECT de.id, de.quantity, de.filled_at, pi.sig, pi.refills_authorized, pi.refills_used, "
                    "rx.rx_number, rx.written_date, pa.first_name, pa.last_name, "
                    "pr.first_name AS dr_first, pr.last_name AS dr_last, "
                    "p.name, p.strength, p.form, p.manufacturer, p.active_ingredient, p.dea_schedule, "
                    "b.name AS branch_name, b.phone AS branch_phone, b.address1, b.city, b.state "
                    "FROM dispense_events de "
                    "JOIN prescription_items pi ON pi.id = de.prescription_item_id "
                    "JOIN prescriptions rx ON rx.id = pi.prescription_id "
                    "JOIN patients pa ON pa.id = de.patient_id "
                    "LEFT JOIN prescribers pr ON pr.id = rx.prescriber_id "
                    "JOIN products p ON p.id = de.product_id "
                    "JOIN branches b ON b.id = de.branch_id WHERE de.id = %s", (event_id,))
    lines = [
        '%s  %s, %s %s' % (row['branch_name'], row['address1'], row['city'], row['state']),
        'Ph: %s' % common.format_phone(row['branch_phone']),
        'Rx# %s   Date: %s' % (row['rx_number'], dt_helpers.fmt_date(row['filled_at'] or dt_helpers.today())),
        common.format_name(row['first_name'], row['last_name'], style='first_last').upper(),
        utils.expand_sig(row['sig']),
        '%s %s %s  QTY: %s' % (row['name'], row['strength'] or '', row['form'] or '', row['quantity']),
        'MFG: %s' % (row['manufacturer'] or ''),
        'Dr. %s %s' % (row['dr_first'] or '', row['dr_last'] or ''),
        'Refills: %s' % max((row['refills_authorized'] or 0) - (row['refills_used'] or 0), 0),
    ]
    lines.extend(aux_warnings_for_product(row))
    return '\n'.join(lines)


def render_label_zpl(text):
    out = ['^XA', '^CF0,24']
    y = 30
    for line in text.split('\n'):
        out.append('^FO30,%d^FD%s^FS' % (y, printing.zpl_escape(line)[:60]))
        y += 30
    out.append('^XZ')
    return '\n'.join(out)


def print_label(event_id, staff_id=None):
    text = build_label_text(event_id)
    printer = query_one("SELECT b.label_printer FROM dispense_events de JOIN branches b ON b.id = de.branch_id "
                        "WHERE de.id = %s", (event_id,))
    printing.send_to_printer(render_label_zpl(text), printer=(printer or {}).get('label_printer'))
    return insert_and_get_id("INSERT INTO dispense_labels (dispense_event_id, label_text, printed_at, printed_by) "
                             "VALUES (%s, %s, NOW(), %s)", (event_id, text, staff_id))


def reprint_label(event_id, staff_id=None):
    last = query_one("SELECT * FROM dispense_labels WHERE dispense_event_id = %s ORDER BY id DESC LIMIT 1",
                     (event_id,))
    if not last:
        return print_label(event_id, staff_id)
    printing.send_to_printer(render_label_zpl(last['label_text']))
    execute("UPDATE dispense_labels SET reprint_count = reprint_count + 1 WHERE id = %s", (last['id'],))
    return last['id']
