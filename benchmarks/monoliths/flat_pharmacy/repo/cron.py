#!/usr/bin/env python3
"""cron entry point:  python3 cron.py <job-name> [<job-name> ...]"""
import sys

import common
import config
import dbconn
import misc_jobs


def parse_args(argv):
    names = [a for a in argv[1:] if not a.startswith('-')]
    if not names or '-h' in argv:
        print('usage: cron.py JOB [JOB...]\njobs: nightly, ' + ', '.join(sorted(misc_jobs.JOBS)))
        sys.exit(1)
    return names


def main(argv=None):
    argv = argv or sys.argv
    config.load_overrides()
    log = common.get_logger('rxbo.cron')
    rc = 0
    for name in parse_args(argv):
        try:
            misc_jobs.run_job(name)
        except misc_jobs.JobLockedError:
            log.warning('job %s already running, skipping', name)
        except Exception:
            log.exception('job %s failed', name)
            rc = 2
    dbconn.close_conn()
    return rc


if __name__ == '__main__':
    sys.exit(main())
