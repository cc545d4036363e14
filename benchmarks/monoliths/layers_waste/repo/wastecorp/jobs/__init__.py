"""Batch jobs.  Run from cron on the jobs box via ``python manage.py nightly``."""
