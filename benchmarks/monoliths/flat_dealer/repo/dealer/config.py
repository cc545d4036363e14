# -*- coding: utf-8 -*-
"""Configuration. Values are read from /etc/dealer/dealer.ini, falling back
to the defaults below. Environment variables DEALER_* override both."""
import os
import configparser

_DEFAULTS = {
    'db_host': 'localhost',
    'db_user': 'dealer',
    'db_pass': '',
    'db_name': 'dealer',
    'db_port': '3306',
    'smtp_host': 'mail.harrowmotors.local',
    'mail_from': 'dms@harrowmotors.co.uk',
    'sms_gateway': 'https://api.textlocal.example/send/',
    'sms_key': '',
    'pdf_dir': '/var/dealer/pdf',
    'photo_dir': '/var/dealer/photos',
    'export_dir': '/var/dealer/export',
    'feed_ftp_host': 'ftp.autotrader.example',
    'feed_ftp_user': 'harrow',
    'feed_ftp_pass': '',
    'cap_url': 'https://soap.cap.example/valuation',
    'cap_key': '',
    'secret': 'changeme',
    'debug': '0',
    'dealer_name': 'Harrow Motors Ltd',
    'vat_no': 'GB 123 4567 89',
}

_cfg = None
INI_PATH = os.environ.get('DEALER_INI', '/etc/dealer/dealer.ini')


def _load():
    global _cfg
    parser = configparser.ConfigParser()
    parser.read(INI_PATH)
    cfg = dict(_DEFAULTS)
    if parser.has_section('dealer'):
        for k, v in parser.items('dealer'):
            cfg[k] = v
    for k in list(cfg.keys()):
        env = 'DEALER_' + k.upper()
        if env in os.environ:
            cfg[k] = os.environ[env]
    _cfg = cfg
    return cfg


def get(key, default=None):
    if _cfg is None:
        _load()
    return _cfg.get(key, default)


def get_int(key, default=0):
    try:
        return int(get(key, default))
    except (TypeError, ValueError):
        return default


def is_debug():
    return get('debug', '0') in ('1', 'true', 'yes')


def reload():
    global _cfg
    _cfg = None
    return _load()
