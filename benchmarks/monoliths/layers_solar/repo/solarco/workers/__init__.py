"""Background jobs.  Run by cron on the worker box:  python -m solarco.workers.nightly"""
