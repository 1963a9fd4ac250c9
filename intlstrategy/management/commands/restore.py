"""Restore a backup made by `manage.py backup` into an empty database (docs/backup.md)."""

import json
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from intlstrategy import public_cache

from ._backup import DATABASE_DUMP, DATABASE_JSON, MANIFEST, pg_args, row_counts, sha256


class Command(BaseCommand):
    help = (
        "Restores a backup directory into an EMPTY database and an empty MEDIA_ROOT, then "
        "checks that every table has the row count recorded in the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="A directory written by backup.")

    def handle(self, *args, **options):
        source = Path(options["input"])
        manifest_path = source / MANIFEST
        if not manifest_path.exists():
            raise CommandError(f"{manifest_path} is missing: not a backup directory.")
        manifest = json.loads(manifest_path.read_text())
        for name, expected in manifest["sha256"].items():
            if sha256(source / name) != expected:
                raise CommandError(f"{name} does not match its checksum: the backup is damaged.")

        tables = connection.introspection.table_names()
        if tables:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']!r} is not empty "
                f"({len(tables)} tables). Restore only into a new, empty database."
            )
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists() and any(media_root.iterdir()):
            raise CommandError(f"MEDIA_ROOT {media_root} is not empty.")

        if manifest["database_file"] == DATABASE_DUMP:
            if connection.vendor != "postgresql":
                raise CommandError("This backup is a PostgreSQL dump; restore it into PostgreSQL.")
            args, env = pg_args(connection.settings_dict)
            command = [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *args,
                "--dbname",
                connection.settings_dict["NAME"],
                str(source / DATABASE_DUMP),
            ]
            result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
            if result.returncode != 0:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        elif manifest["database_file"] == DATABASE_JSON:
            call_command("migrate", verbosity=0, interactive=False)
            call_command("loaddata", str(source / DATABASE_JSON), verbosity=0)
        else:
            raise CommandError(f"Unknown database file {manifest['database_file']!r}.")

        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / manifest["media_file"], "r:gz") as archive:
            archive.extractall(media_root, filter="data")

        # Pages cached before the restore show the old data, whether or not the check passes.
        public_cache.invalidate()
        counts = row_counts()
        expected = manifest["row_counts"]
        ignored = (
            set()
            if manifest["database_file"] == DATABASE_DUMP
            else {
                # dumpdata leaves these out; migrate recreates content types and permissions.
                "django_content_type",
                "auth_permission",
                "django_session",
                "django_admin_log",
            }
        )
        differ = {
            table: (count, counts.get(table))
            for table, count in expected.items()
            if table not in ignored and counts.get(table) != count
        }
        if differ:
            raise CommandError(
                "Restored, but row counts differ from the backup (table: backup, restored): "
                + ", ".join(f"{t}: {a}, {b}" for t, (a, b) in sorted(differ.items()))
            )
        files = sum(1 for p in media_root.rglob("*") if p.is_file())
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables and {files} files; "
            "row counts match the backup."
        )
