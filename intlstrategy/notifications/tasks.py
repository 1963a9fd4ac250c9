"""The notification e-mail, thin and idempotent (queued on commit by services.notify)."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def send_notification_email_task(notification_pk: int) -> bool:
    return services.email_send(notification_id=notification_pk)
