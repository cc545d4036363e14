"""label/report printing via CUPS raw queues."""
import logging
import subprocess

import config

log = logging.getLogger('rxbo.print')


class PrinterOffline(Exception):
    pass


def zpl_escape(s):
    if s is None:
        return ''
    return s.replace('^', ' ').replace('~', ' ')


def send_to_printer(data, printer=None, raw=True):
    printer = printer or config.LABEL_PRINTER_DEFAULT
    args = ['lp', '-d', printer]
    if raw:
        args += ['-o', 'raw']
    try:
        p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = p.communicate(data.encode('utf-8'))
    except OSError as e:
        raise PrinterOffline(str(e))
    if p.returncode != 0:
        log.error('lp failed for %s: %s', printer, err)
        raise PrinterOffline(printer)
    return out
