"""Batch jobs. Run from cron via ``python manage.py run-task <name>``.

crontab (prod-batch-01):
    15 1 * * *   run-task nightly
    */10 * * * * run-task edi_import
    0 6 * * 1    run-group weekly
"""
import logging
import time
import traceback

log = logging.getLogger("freightly.tasks")

TASKS = {}


def task(name=None, group=None):
    """Register a function as a batch task."""
    def decorator(func):
        TASKS[name or func.__name__] = {"func": func, "group": group}
        return func
    return decorator


def run_task(name, **kwargs):
    entry = TASKS.get(name)
    if entry is None:
        raise KeyError("unknown task %s" % name)
    started = time.time()
    try:
        result = entry["func"](**kwargs)
        log.info("task %s ok in %.1fs: %r", name, time.time() - started, result)
        return result
    except Exception:
        log.error("task %s failed:\n%s", name, traceback.format_exc())
        raise


def run_group(group, stop_on_error=False):
    results = {}
    for name, entry in sorted(TASKS.items()):
        if entry["group"] != group:
            continue
        try:
            results[name] = run_task(name)
        except Exception as exc:
            results[name] = "FAILED: %s" % exc
            if stop_on_error:
                break
    return results


def load_all():
    # importing registers the tasks
    from freightly.tasks import nightly, edi_import  # noqa: F401
    return TASKS
