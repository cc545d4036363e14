"""Background jobs.  Run from cron:  */10 * * * * python jobs.py --due
(cherrypy BackgroundTask version was removed - it kept dying with the worker threads)"""
import sys
import time
import logging
import datetime
import traceback

import config
import db
import utils

log = logging.getLogger('water.jobs')

_registry = {}


class Job(object):
    def __init__(self, name, func, hour=None, minute=0, weekday=None, monthday=None):
        self.name = name
        self.func = func
        self.hour = hour
        self.minute = minute
        self.weekday = weekday
        self.monthday = monthday
        self.last_run = None

    def is_due(self, now):
        if self.monthday is not None and now.day != self.monthday:
            return False
        if self.weekday is not None and now.weekday() != self.weekday:
            return False
        if self.hour is not None and (now.hour != self.hour or now.minute // 10 != self.minute // 10):
            return False
        return True

    def run(self):
        started = time.time()
        try:
            result = self.func()
            log.info('job %s ok in %.1fs: %s', self.name, time.time() - started, result)
            return True
        except Exception:
            log.error('job %s failed\n%s', self.name, traceback.format_exc())
            return False
        finally:
            self.last_run = datetime.datetime.now()
            db.close_conn()


def schedule(name, **when):
    def deco(fn):
        _registry[name] = Job(name, fn, **when)
        return fn
    return deco


@schedule('session_cleanup', hour=3)
def session_cleanup_job():
    import auth
    auth.cleanup_expired_sessions()


@schedule('import_handheld', hour=None)
def handheld_import_job():
    import imports
    return imports.scan_dir(config.get('handheld_dir'), '*.csv', imports.import_handheld_readings)


@schedule('estimate_missing', hour=1)
def estimate_missing_reads_job():
    import core
    n = 0
    for route in core.routes_due(utils.today().day - 3 if utils.today().day > 3 else 28):
        for row in core.route_sheet(route['id']):
            last = core.last_reading(row['meter_id'])
            if last and utils.days_between(last['read_date'], utils.today()) > 35:
                core.estimate_reading(row['meter_id'])
                n += 1
    return n


@schedule('billing', hour=2)
def nightly_billing_job():
    import billing
    day = utils.today().day
    # billing cycles are numbered by the working day they run on (cycle 1 = 1st .. cycle 4 = 22nd)
    cycle = {1: 1, 8: 2, 15: 3, 22: 4}.get(day)
    if not cycle:
        return 'no cycle today'
    run_id, n, errors = billing.run_billing_cycle(cycle)
    billing.email_run_bills(run_id)
    return 'run %s: %d bills, %d errors' % (run_id, n, len(errors))


@schedule('lockbox', hour=None)
def import_lockbox_job():
    import imports
    return imports.scan_dir(config.get('lockbox_dir'), '*.txt', imports.import_lockbox_file)


@schedule('dunning', hour=4, weekday=0)
def dunning_job():
    import arrears
    return arrears.run_dunning()


@schedule('plan_defaults', hour=4, minute=30)
def plan_default_job():
    import arrears
    return arrears.check_plan_defaults()


@schedule('complaint_sla', hour=None)
def complaint_sla_job():
    import core
    return core.escalate_overdue_complaints()


@schedule('overdue_wo', hour=6)
def overdue_work_orders_job():
    import field
    return field.escalate_overdue_work_orders()


@schedule('sampling', hour=5, weekday=0)
def sampling_schedule_job():
    import field
    return field.schedule_sampling_round()


@schedule('lims', hour=None)
def lims_import_job():
    import imports
    return imports.scan_dir(config.get('lims_dir'), '*.csv', imports.import_lims_results)


def run_due(now=None):
    now = now or datetime.datetime.now()
    for job in _registry.values():
        if job.is_due(now):
            job.run()


def run_job_now(name):
    job = _registry.get(name)
    if job is None:
        raise KeyError(name)
    return job.run()


def main(argv):
    logging.basicConfig(level=logging.INFO, format='%(asctime)s %(name)s %(levelname)s %(message)s')
    config.load_config()
    if '--due' in argv:
        run_due()
    elif len(argv) > 1:
        run_job_now(argv[1])
    else:
        print('jobs: ' + ', '.join(sorted(_registry)))


if __name__ == '__main__':
    main(sys.argv)
