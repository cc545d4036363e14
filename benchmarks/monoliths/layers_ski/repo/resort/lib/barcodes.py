import io

import qrcode


def luhn_checksum(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def make_serial(prefix, number, width=10):
    body = '%0*d' % (width, number)
    return '%s%s%d' % (prefix, body, luhn_checksum(body))


def check_serial(serial):
    digits = ''.join(c for c in serial if c.isdigit())
    if len(digits) < 2:
        return False
    return luhn_checksum(digits[:-1]) == int(digits[-1])


def qr_png(data, box_size=6):
    img = qrcode.make(data, box_size=box_size)
    buf = io.BytesIO()
    img.save(buf, format='PNG')
    return buf.getvalue()
