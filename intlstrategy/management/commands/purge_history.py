"""Delete history rows older than the retention period (settings.HISTORY_RETENTION_DAYS)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from intlstrategy.privacy import purge_history


class Command(BaseCommand):
    help = "Deletes simple-history rows older than N days from every historical table."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=None,
            help=f"Default: HISTORY_RETENTION_DAYS ({settings.HISTORY_RETENTION_DAYS}).",
        )

    def handle(self, *args, **options):
        days = options["older_than_days"]
        if days is not None and days < 0:
            raise CommandError("--older-than-days must be 0 or more.")
        deleted = purge_history(older_than_days=days)
        total = sum(deleted.values())
        self.stdout.write(
            f"Deleted {total} history rows"
            + (": " + ", ".join(f"{k} {v}" for k, v in sorted(deleted.items())) if deleted else ".")
        )
