"""Cron entry point: `python -m tasks nightly` (see deploy/crontab)."""
import logging
import sys

REGISTRY = {}
log = logging.getLogger("tasks")


def task(name):
    def decorator(fn):
        REGISTRY[name] = fn
        return fn

    return decorator


def run(name):
    from tasks import exports, nightly, reminders, roster  # noqa: F401  fills REGISTRY

    if name not in REGISTRY:
        log.error("unknown task %s (known: %s)", name, ", ".join(sorted(REGISTRY)))
        return 2
    log.info("running %s", name)
    REGISTRY[name]()
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(run(sys.argv[1]))
