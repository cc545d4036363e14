# -*- coding: utf-8 -*-
"""Configuration loading.

Settings come from /etc/telcobss/telcobss.ini, overridden by TELCOBSS_* env
variables.  Jobs and the admin app both call get() at import time, so don't
do anything expensive in here.
"""
import os
import configparser

DEFAULT_INI = "/etc/telcobss/telcobss.ini"

_DEFAULTS = {
    "db": {
        "dsn": "dbname=telcobss user=telcobss host=localhost",
        "application_name": "telcobss",
        "statement_timeout_ms": "600000",
    },
    "paths": {
        "cdr_incoming": "/data/cdr/incoming",
        "cdr_archive": "/data/cdr/archive",
        "cdr_error": "/data/cdr/error",
        "invoice_pdf": "/data/invoices",
        "bank_incoming": "/data/bank/incoming",
        "bank_archive": "/data/bank/archive",
        "dd_outgoing": "/data/bank/outgoing",
        "reports": "/data/reports",
        "locks": "/var/run/telcobss",
        "porting_incoming": "/data/npc/incoming",
    },
    "mail": {
        "smtp_host": "localhost",
        "smtp_port": "25",
        "from_addr": "billing@telco.example",
        "ops_addr": "ops@telco.example",
        "finance_addr": "finance@telco.example",
    },
    "sms": {
        "gateway_url": "http://smsgw.internal:13013/cgi-bin/sendsms",
        "username": "bss",
        "password": "",
        "sender": "TELCO",
    },
    "hlr": {
        "default_host": "10.20.0.11",
        "port": "3300",
        "timeout": "15",
        "dry_run": "0",
    },
    "billing": {
        "payment_terms_days": "14",
        "currency": "EUR",
        "min_invoice_amount": "0.50",
        "company_name": "Telco Example B.V.",
        "creditor_id": "NL98ZZZ999999990000",
        "creditor_iban": "NL91ABNA0417164300",
    },
    "dunning": {
        "grace_days": "7",
        "min_balance": "5.00",
    },
    "admin": {
        "secret_key": "change-me",
        "users": "admin:admin",
    },
}


class Config(object):
    """Very small wrapper around ConfigParser with env overrides."""

    def __init__(self, path=None):
        self._cp = configparser.ConfigParser()
        self._cp.read_dict(_DEFAULTS)
        path = path or os.environ.get("TELCOBSS_INI", DEFAULT_INI)
        if os.path.exists(path):
            self._cp.read(path)
        self.path = path

    def get(self, section, key, default=None):
        env_key = "TELCOBSS_%s_%s" % (section.upper(), key.upper())
        if env_key in os.environ:
            return os.environ[env_key]
        try:
            return self._cp.get(section, key)
        except (configparser.NoSectionError, configparser.NoOptionError):
            return default

    def getint(self, section, key, default=0):
        val = self.get(section, key)
        if val in (None, ""):
            return default
        return int(val)

    def getbool(self, section, key, default=False):
        val = self.get(section, key)
        if val is None:
            return default
        return str(val).strip().lower() in ("1", "true", "yes", "on")


_config = None


def get_config():
    global _config
    if _config is None:
        _config = Config()
    return _config


def get(section, key, default=None):
    return get_config().get(section, key, default)


def path(name):
    """Shortcut for the [paths] section."""
    return get_config().get("paths", name)
