"""Back up the database and the uploaded and generated files (docs/backup.md)."""

import json
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from ._backup import DATABASE_DUMP, DATABASE_JSON, MANIFEST, MEDIA_TAR, pg_args, row_counts, sha256


class Command(BaseCommand):
    help = (
        "Writes a backup into a new directory: the database (pg_dump custom format on "
        "PostgreSQL, dumpdata JSON otherwise), a tar of MEDIA_ROOT and manifest.json "
        "with row counts and checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="A new (or empty) directory.")

    def dump_postgresql(self, path: Path) -> dict[str, int]:
        """pg_dump and the row counts see the same snapshot: the counts are taken in a
        repeatable-read transaction whose snapshot pg_dump is given."""
        args, env = pg_args(connection.settings_dict)
        command = [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            *args,
            "--file",
            str(path),
        ]
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            snapshot = None
            if outermost:  # SET TRANSACTION must be the transaction's first statement
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    cursor.execute("SELECT pg_export_snapshot()")
                    snapshot = cursor.fetchone()[0]
            counts = row_counts()
            if snapshot:
                command += ["--snapshot", snapshot]
            command.append(connection.settings_dict["NAME"])
            result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        return counts

    def handle(self, *args, **options):
        target = Path(options["output"])
        if target.exists() and any(target.iterdir()):
            raise CommandError(f"{target} is not empty; give a new directory.")
        target.mkdir(parents=True, exist_ok=True)
        target.chmod(0o700)  # personal data inside

        if connection.vendor == "postgresql":
            database_file = DATABASE_DUMP
            counts = self.dump_postgresql(target / DATABASE_DUMP)
        else:
            database_file = DATABASE_JSON
            counts = row_counts()
            call_command(
                "dumpdata",
                "--natural-foreign",
                "--natural-primary",
                "--exclude",
                "contenttypes",
                "--exclude",
                "auth.permission",
                "--exclude",
                "sessions",
                "--exclude",
                "admin.logentry",
                "--output",
                str(target / DATABASE_JSON),
                verbosity=0,
            )

        media_root = Path(settings.MEDIA_ROOT)
        media_files = 0
        with tarfile.open(target / MEDIA_TAR, "w:gz") as archive:
            if media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        archive.add(path, arcname=str(path.relative_to(media_root)))
                        media_files += 1

        latest = {}
        for app, name in MigrationRecorder(connection).applied_migrations():
            latest[app] = max(latest.get(app, ""), name)
        manifest = {
            "format": 1,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "database_file": database_file,
            "media_file": MEDIA_TAR,
            "media_files": media_files,
            "row_counts": counts,
            "migrations": dict(sorted(latest.items())),
            "sha256": {name: sha256(target / name) for name in (database_file, MEDIA_TAR)},
        }
        (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        total = sum(counts.values())
        self.stdout.write(
            f"Backup written to {target}: {total} rows in {len(counts)} tables, "
            f"{media_files} files."
        )
