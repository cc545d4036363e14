# -*- coding: utf-8 -*-
"""Base bits for batch jobs: locking, argument parsing, retry/timing
decorators.  (decorators used to live in lib/decorators.py, merged here
in 2020 because every job imported both anyway.)"""
import argparse
import errno
import fcntl
import functools
import os
import sys
import time
import traceback

from lib import config
from lib.log import setup_job_logging, get_logger

log = get_logger("jobbase")


class JobLockError(Exception):
    pass


class JobLock(object):
    """flock() based lock so cron doesn't start a job twice."""

    def __init__(self, name):
        lock_dir = config.path("locks") or "/tmp"
        self.path = os.path.join(lock_dir, "%s.lock" % name)
        self._fh = None

    def __enter__(self):
        self._fh = open(self.path, "w")
        try:
            fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except IOError as e:
            if e.errno in (errno.EAGAIN, errno.EACCES):
                raise JobLockError("%s is already running" % self.path)
            raise
        self._fh.write(str(os.getpid()))
        self._fh.flush()
        return self

    def __exit__(self, *exc):
        try:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            os.unlink(self.path)
        except OSError:
            pass
        return False


def retry(times=3, delay=2.0, exceptions=(Exception,), backoff=2.0):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a, **kw):
            wait = delay
            for attempt in range(1, times + 1):
                try:
                    return fn(*a, **kw)
                except exceptions as e:
                    if attempt == times:
                        raise
                    log.warning("%s failed (%s), retry %d/%d in %.1fs",
                                fn.__name__, e, attempt, times, wait)
                    time.sleep(wait)
                    wait *= backoff
        return wrapper
    return deco


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        t0 = time.time()
        try:
            return fn(*a, **kw)
        finally:
            log.info("%s took %.2fs", fn.__name__, time.time() - t0)
    return wrapper


def memoize_ttl(seconds=300):
    def deco(fn):
        cache = {}

        @functools.wraps(fn)
        def wrapper(*a):
            now = time.time()
            hit = cache.get(a)
            if hit and now - hit[0] < seconds:
                return hit[1]
            val = fn(*a)
            cache[a] = (now, val)
            return val
        wrapper.cache_clear = cache.clear
        return wrapper
    return deco


def base_arg_parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--dry-run", action="store_true",
                   help="do everything but commit")
    return p


def run_job(name, func, args=None):
    """Standard wrapper: logging, lock, exit code. func(args, log) -> int."""
    verbose = bool(args and getattr(args, "verbose", False))
    jlog = setup_job_logging(name, verbose)
    try:
        with JobLock(name):
            jlog.info("start %s pid=%s", name, os.getpid())
            t0 = time.time()
            rc = func(args, jlog) or 0
            jlog.info("end %s rc=%s in %.1fs", name, rc, time.time() - t0)
            return rc
    except JobLockError as e:
        jlog.warning(str(e))
        return 3
    except Exception:
        jlog.error("job %s crashed:\n%s", name, traceback.format_exc())
        return 1


def exit_with(rc):
    sys.stdout.flush()
    sys.exit(rc)
