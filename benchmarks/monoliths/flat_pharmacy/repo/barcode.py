"""barcode parsing for the scanners at the fill stations and goods-in."""

GS1_AIS = {
    '01': ('gtin', 14),
    '10': ('lot', None),
    '17': ('expiry', 6),
    '21': ('serial', None),
    '30': ('qty', None),
}
GS = '\x1d'


def gs1_check_digit(digits):
    total = 0
    for i, ch in enumerate(reversed(digits)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_valid_upc(code):
    if not code or not code.isdigit() or len(code) not in (12, 13, 14):
        return False
    return gs1_check_digit(code[:-1]) == int(code[-1])


def parse_gs1(data):
    """very small GS1-128 / DataMatrix parser.  Returns dict."""
    out = {}
    data = data.lstrip(']d2').lstrip(']C1')
    i = 0
    while i < len(data):
        ai = data[i:i + 2]
        if ai not in GS1_AIS:
            break
        name, length = GS1_AIS[ai]
        i += 2
        if length:
            out[name] = data[i:i + length]
            i += length
        else:
            end = data.find(GS, i)
            if end == -1:
                end = len(data)
            out[name] = data[i:end]
            i = end + 1
    return out


def upc_to_ndc(upc):
    """UPC-A for drugs embeds the 10 digit NDC.  We pad to 11 as 5-4-2
    assuming 4-4-2 labeler format, which is wrong about 30% of the time.
    inventory.find_product falls back to the upc column anyway."""
    if len(upc) == 12:
        core = upc[1:11]
    elif len(upc) == 14:
        core = upc[3:13]
    else:
        return None
    return '0' + core
