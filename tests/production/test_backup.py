"""Backup and restore: a backup restored into a fresh PostgreSQL database has the same rows
and files."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from intlstrategy.models import Department
from tests.factories import CoordinatorFactory, DepartmentContactFactory, DepartmentFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def connect(dbname):
    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname=dbname,
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    name = f"{settings.DATABASES['default']['NAME']}_restore"
    with connect("postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield name
    with connect("postgres") as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@pytest.fixture
def some_data(municipality, other_municipality):
    for n in range(5):
        department = DepartmentFactory(municipality=municipality, slug=f"dep-{n}")
        DepartmentContactFactory(department=department)
        department.name_nb = f"Avdeling {n}"
        department.save()  # a second history row
    CoordinatorFactory(municipality=other_municipality)
    default_storage.save("reports/2026/vaxjo.pdf", ContentFile(b"%PDF-1.7 report"))
    default_storage.save("attachments/bild.png", ContentFile(b"\x89PNG not really"))


def restore_env(database, media_root):
    db = settings.DATABASES["default"]
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_NAME"}
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{database}"
    )
    env["MEDIA_ROOT"] = str(media_root)
    return env


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("sqlite"), reason="needs PostgreSQL"
)
def test_backup_restores_into_a_fresh_database_with_the_same_rows_and_files(
    some_data, tmp_path, fresh_database
):
    assert connection.vendor == "postgresql"
    backup = tmp_path / "backup"
    call_command("backup", "--output", str(backup), stdout=StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["database_vendor"] == "postgresql"
    assert manifest["row_counts"]["intlstrategy_department"] == Department.objects.count() == 5
    assert manifest["row_counts"]["intlstrategy_historicaldepartment"] >= 10
    assert manifest["media_files"] == 2

    restored_media = tmp_path / "restored-media"
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", "--input", str(backup)],
        cwd=ROOT,
        env=restore_env(fresh_database, restored_media),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "row counts match" in result.stdout

    # Count independently, table by table, in the restored database.
    with connect(fresh_database) as restored:
        for table, expected in manifest["row_counts"].items():
            count = restored.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()[0]
            assert count == expected, table
        names = {
            row[0]
            for row in restored.execute(
                "SELECT name_nb FROM intlstrategy_department WHERE name_nb LIKE 'Avdeling %'"
            )
        }
        assert names == {f"Avdeling {n}" for n in range(5)}
    assert (restored_media / "reports/2026/vaxjo.pdf").read_bytes() == b"%PDF-1.7 report"
    assert (restored_media / "attachments/bild.png").exists()

    # The restored database is usable by the portal: migrations are all applied.
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=restore_env(fresh_database, restored_media),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_restore_refuses_a_database_that_is_not_empty(some_data, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", "--output", str(backup), stdout=StringIO())
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", "--input", str(backup))
    assert Department.objects.count() == 5


def test_restore_refuses_a_damaged_backup(some_data, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup", "--output", str(backup), stdout=StringIO())
    dump = backup / "database.dump"
    dump.write_bytes(dump.read_bytes()[:-10])
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", "--input", str(backup))


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path, municipality):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "--output", str(tmp_path / "old"))


def test_backup_and_restore_on_sqlite_use_dumpdata(tmp_path):
    """The fallback for small installations without PostgreSQL."""
    env = {k: v for k, v in os.environ.items() if k != "TEST_DATABASE_NAME"}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'a.sqlite3'}", MEDIA_ROOT=str(tmp_path / "media-a")
    )

    def manage(*args, environment=env):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    manage("migrate", "-v0")
    manage(
        "shell",
        "-c",
        "from tests.factories import *; m = MunicipalityFactory(slug='gavle'); "
        "[DepartmentContactFactory(department=DepartmentFactory(municipality=m)) "
        "for _ in range(3)]",
    )
    (tmp_path / "media-a" / "pdf").mkdir(parents=True)
    (tmp_path / "media-a" / "pdf" / "x.pdf").write_bytes(b"%PDF")
    manage("backup", "--output", str(tmp_path / "backup"))
    assert (tmp_path / "backup" / "database.json").exists()
    restored = dict(
        env,
        DATABASE_URL=f"sqlite:///{tmp_path / 'b.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media-b"),
    )
    out = manage("restore", "--input", str(tmp_path / "backup"), environment=restored)
    assert "row counts match" in out
    assert (tmp_path / "media-b" / "pdf" / "x.pdf").read_bytes() == b"%PDF"
