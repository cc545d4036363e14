# -*- coding: utf-8 -*-
"""Site configuration.  Values come from config/app.conf, then environment overrides."""
import os
import configparser

_HERE = os.path.dirname(os.path.abspath(__file__))

DEFAULTS = {
    'db_path': os.path.join(_HERE, 'data', 'water.db'),
    'schema_path': os.path.join(_HERE, 'schema.sql'),
    'template_dir': os.path.join(_HERE, 'templates'),
    'smtp_host': 'localhost',
    'smtp_port': '25',
    'mail_from': 'accounts@riverbendwater.gov',
    'sms_gateway_url': 'http://sms.internal/send',
    'sms_enabled': '0',
    'vat_rate': '0.15',
    'payment_terms_days': '21',
    'session_hours': '8',
    'env': 'dev',
    'lockbox_dir': '/srv/lockbox/incoming',
    'handheld_dir': '/srv/handheld/upload',
    'lims_dir': '/srv/lims/export',
    'reconnection_fee': '350.00',
    'disconnect_threshold': '500.00',
    'minimum_arrears_days': '60',
    'high_consumption_factor': '3.0',
    'company_name': 'Riverbend Water Utility',
}

_config = None


class Settings(dict):
    """dict with attribute access, because somebody liked cfg.db_path"""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def as_int(self, key, default=0):
        try:
            return int(self.get(key, default))
        except (TypeError, ValueError):
            return default

    def as_float(self, key, default=0.0):
        try:
            return float(self.get(key, default))
        except (TypeError, ValueError):
            return default


def load_config(path=None):
    global _config
    path = path or os.environ.get('WATER_CONF') or os.path.join(_HERE, 'config', 'app.conf')
    cfg = Settings(DEFAULTS)
    if os.path.exists(path):
        cp = configparser.ConfigParser()
        cp.read(path)
        if cp.has_section('water'):
            for k, v in cp.items('water'):
                cfg[k] = v
    for k in list(cfg.keys()):
        env_key = 'WATER_' + k.upper()
        if env_key in os.environ:
            cfg[k] = os.environ[env_key]
    _config = cfg
    return cfg


def get(key, default=None):
    if _config is None:
        load_config()
    return _config.get(key, default)


def is_production():
    return get('env') == 'prod'
