import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zoo_ops.settings")

app = Celery("zoo_ops")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(bind=True)
def debug_task(self):
    print("Request: {0!r}".format(self.request))
