"""Shared by backup and restore: row counts, checksums, PostgreSQL connection options."""

import hashlib
import os
from pathlib import Path

from django.apps import apps
from django.db import connections

MANIFEST = "manifest.json"
DATABASE_DUMP = "database.dump"  # pg_dump custom format
DATABASE_JSON = "database.json"  # dumpdata fallback (SQLite)
MEDIA_TAR = "media.tar.gz"


def row_counts(using="default") -> dict[str, int]:
    """Rows per table of every installed model (auto-created many-to-many tables too)."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    counts = {}
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in tables or table not in existing or not model._meta.managed:
            continue
        tables.add(table)
        counts[table] = model._base_manager.using(using).count()
    return dict(sorted(counts.items()))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pg_args(settings_dict) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump / pg_restore, password through the environment."""
    args = []
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env
