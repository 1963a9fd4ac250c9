import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intlstrategy.settings")

app = Celery("intlstrategy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
