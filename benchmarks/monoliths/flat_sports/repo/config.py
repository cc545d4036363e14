# -*- coding: utf-8 -*-
"""
Configuration for LSBS (Leisure & Sport Booking System).

Values can be overridden with environment variables prefixed LSBS_.
Don't put real passwords in here any more - see ops wiki.
"""
import os


class Config(object):
    DEBUG = False
    TESTING = False
    SECRET_KEY = os.environ.get('LSBS_SECRET_KEY', 'change-me-please')

    DB_HOST = os.environ.get('LSBS_DB_HOST', 'localhost')
    DB_PORT = int(os.environ.get('LSBS_DB_PORT', '5432'))
    DB_NAME = os.environ.get('LSBS_DB_NAME', 'lsbs')
    DB_USER = os.environ.get('LSBS_DB_USER', 'lsbs')
    DB_PASSWORD = os.environ.get('LSBS_DB_PASSWORD', '')

    SMTP_HOST = os.environ.get('LSBS_SMTP_HOST', 'smtp.council.local')
    SMTP_PORT = 25
    MAIL_FROM = 'leisure.bookings@council.gov.uk'
    MAIL_ENABLED = True

    SMS_API_URL = 'https://sms.council.local/api/send'
    SMS_API_KEY = os.environ.get('LSBS_SMS_KEY', '')
    SMS_ENABLED = False

    # CivicPay card gateway (replaced the old Barclaycard ePDQ integration in 2020)
    GATEWAY_URL = os.environ.get('LSBS_GATEWAY_URL', 'https://test.civicpay.example/api/v1')
    GATEWAY_MERCHANT = os.environ.get('LSBS_GATEWAY_MERCHANT', 'LEIS001')
    GATEWAY_SECRET = os.environ.get('LSBS_GATEWAY_SECRET', '')

    BACS_OUTPUT_DIR = '/var/lsbs/bacs'
    BACS_SUN = '123456'   # service user number
    REPORT_DIR = '/var/lsbs/reports'
    AUDIT_LOG = '/var/log/lsbs/audit.log'

    INVOICE_PREFIX = 'LS'
    INVOICE_DUE_DAYS = 14
    BOOKING_CANCEL_FREE_HOURS = 48
    PROVISIONAL_HOLD_MINUTES = 30
    MAX_BOOKING_DAYS_AHEAD = 28
    PAGE_SIZE = 25


class DevConfig(Config):
    DEBUG = True
    MAIL_ENABLED = False
    BACS_OUTPUT_DIR = '/tmp/bacs'
    REPORT_DIR = '/tmp/reports'
    AUDIT_LOG = '/tmp/lsbs-audit.log'


class TestConfig(DevConfig):
    TESTING = True
    DB_NAME = 'lsbs_test'


class ProdConfig(Config):
    SMS_ENABLED = True


def get_config(name=None):
    name = name or os.environ.get('LSBS_ENV', 'dev')
    return {
        'dev': DevConfig,
        'test': TestConfig,
        'prod': ProdConfig,
        'production': ProdConfig,
    }.get(name, DevConfig)


# module level instance, lots of old code does "from config import settings"
settings = get_config()
