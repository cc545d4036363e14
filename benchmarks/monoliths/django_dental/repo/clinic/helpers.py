"""Tooth numbering & misc helpers. Universal numbering (1-32, A-T) is what we store."""
from utils.dates import add_working_days, today_local

TOOTH_NAMES = {
    1: 'UR third molar', 2: 'UR second molar', 3: 'UR first molar', 4: 'UR second premolar',
    5: 'UR first premolar', 6: 'UR canine', 7: 'UR lateral incisor', 8: 'UR central incisor',
    9: 'UL central incisor', 10: 'UL lateral incisor', 11: 'UL canine', 12: 'UL first premolar',
    13: 'UL second premolar', 14: 'UL first molar', 15: 'UL second molar', 16: 'UL third molar',
    17: 'LL third molar', 18: 'LL second molar', 19: 'LL first molar', 20: 'LL second premolar',
    21: 'LL first premolar', 22: 'LL canine', 23: 'LL lateral incisor', 24: 'LL central incisor',
    25: 'LR central incisor', 26: 'LR lateral incisor', 27: 'LR canine', 28: 'LR first premolar',
    29: 'LR second premolar', 30: 'LR first molar', 31: 'LR second molar', 32: 'LR third molar',
}
PRIMARY = 'ABCDEFGHIJKLMNOPQRST'
SURFACES = 'MODBLIF'


def is_valid_tooth(tooth):
    tooth = str(tooth).strip().upper()
    if tooth.isdigit():
        return 1 <= int(tooth) <= 32
    return len(tooth) == 1 and tooth in PRIMARY


def universal_to_fdi(tooth):
    n = int(tooth)
    if 1 <= n <= 8:
        return 10 + (9 - n)
    if 9 <= n <= 16:
        return 20 + (n - 8)
    if 17 <= n <= 24:
        return 30 + (25 - n)
    if 25 <= n <= 32:
        return 40 + (n - 24)
    raise ValueError(tooth)


def fdi_to_universal(fdi):
    q, t = divmod(int(fdi), 10)
    if q == 1:
        return 9 - t
    if q == 2:
        return 8 + t
    if q == 3:
        return 25 - t
    if q == 4:
        return 24 + t
    raise ValueError(fdi)


def tooth_display_name(tooth):
    if not tooth:
        return ''
    tooth = str(tooth).strip().upper()
    if tooth.isdigit():
        return '#%s %s' % (tooth, TOOTH_NAMES.get(int(tooth), ''))
    return 'Primary %s' % tooth


def normalise_surfaces(surfaces):
    s = ''.join(c for c in (surfaces or '').upper() if c in SURFACES)
    return ''.join(sorted(set(s), key=SURFACES.index))


def legacy_palmer_notation(tooth):
    # unused since chart v2, Dr Patel liked it
    n = int(tooth)
    fdi = universal_to_fdi(n)
    quad = {1: 'UR', 2: 'UL', 3: 'LL', 4: 'LR'}[fdi // 10]
    return '%s%d' % (quad, fdi % 10)


def lab_due_date(lab, sent_on=None, work_type=None):
    days = lab.turnaround_days
    if work_type in ('denture', 'partial', 'implant_crown'):
        days += 5
    return add_working_days(sent_on or today_local(), days)


def lab_instructions_template(work_type, shade='', material=''):
    lines = ['Work: %s' % work_type]
    if shade:
        lines.append('Shade: %s' % shade)
    if material:
        lines.append('Material: %s' % material)
    lines.append('Please return with articulated models.')
    return '\n'.join(lines)
