"""Settings of the load test's gunicorn and Celery worker: the production settings with one
difference, a Celery queue named per test run (LOAD_TEST_CELERY_QUEUE), so that test runs
sharing one Redis never take each other's tasks."""

import os

from intlstrategy.settings import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["LOAD_TEST_CELERY_QUEUE"]
