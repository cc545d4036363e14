"""Poor man's scheduler, run from cron every 5 minutes:

    */5 * * * * resort_scheduler /srv/resort/production.ini

Each job records its last run in a file next to the ini so we don't need
celery for a handful of jobs.
"""
import datetime
import json
import logging
import os
import sys

import transaction
from pyramid.paster import bootstrap, setup_logging

log = logging.getLogger('resort.scheduler')

JOBS = []


class Job(object):

    def __init__(self, name, func, every_minutes=None, at=None):
        self.name = name
        self.func = func
        self.every_minutes = every_minutes
        self.at = at  # "HH:MM" local time for daily jobs

    def is_due(self, now, last_run):
        if self.every_minutes:
            return last_run is None or (now - last_run).total_seconds() >= self.every_minutes * 60 - 30
        hh, mm = [int(x) for x in self.at.split(':')]
        due_at = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
        return now >= due_at and (last_run is None or last_run < due_at)


def job(name, every_minutes=None, at=None):
    def decorator(func):
        JOBS.append(Job(name, func, every_minutes, at))
        return func
    return decorator


def run_due_jobs(state_file, now=None):
    now = now or datetime.datetime.now()
    try:
        with open(state_file) as f:
            state = json.load(f)
    except (IOError, ValueError):
        state = {}
    for j in JOBS:
        last = state.get(j.name)
        last = datetime.datetime.strptime(last, '%Y-%m-%dT%H:%M:%S') if last else None
        if not j.is_due(now, last):
            continue
        log.info('running %s', j.name)
        try:
            with transaction.manager:
                j.func()
        except Exception:
            log.exception('job %s failed', j.name)
            continue
        state[j.name] = now.strftime('%Y-%m-%dT%H:%M:%S')
    with open(state_file, 'w') as f:
        json.dump(state, f, indent=1)


def main(argv=sys.argv):
    if len(argv) < 2:
        print('usage: %s <config_uri>' % os.path.basename(argv[0]))
        sys.exit(1)
    config_uri = argv[1]
    setup_logging(config_uri)
    env = bootstrap(config_uri)
    # registers the jobs
    from . import nightly, imports  # noqa
    try:
        run_due_jobs(config_uri + '.jobs.json')
    finally:
        env['closer']()
