"""A backup restores into a fresh, empty database with the same records and uploaded files."""

import io
import uuid

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from core.pgtools import Target

PORTAL_APPS = {"core", "legal", "regions", "members", "events", "cooperations", "auth"}


def portal_tables():
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PORTAL_APPS and model._meta.managed
    )


def counts(conn):
    return {
        table: conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()[0]
        for table in portal_tables()
    }


def sample(conn, table, limit=5):
    query = sql.SQL("SELECT * FROM {} ORDER BY 1 LIMIT {}").format(
        sql.Identifier(table), sql.Literal(limit)
    )
    return conn.execute(query).fetchall()


@pytest.fixture
def source():
    return Target.from_settings(connection.settings_dict)


@pytest.fixture
def empty_database(source):
    """A new database on the same server as the test database, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:12]}"
    admin = Target("postgres", source.user, source.password, source.host, source.port)
    with admin.connect(autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    target = Target(name, source.user, source.password, source.host, source.port)
    yield target
    with admin.connect(autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def url_of(target):
    return f"postgres://{target.user}@/{target.name}?host={target.host}&port={target.port}"


@pytest.fixture
def backup(transactional_db, tmp_path):
    call_command("load_demo", "--no-admin", stdout=io.StringIO())
    default_storage.save("logos/klinik.png", ContentFile(b"\x89PNG demo logo"))
    default_storage.save("programmes/2026/forum.pdf", ContentFile(b"%PDF-1.7 programme"))
    return call_command("backup", output_dir=tmp_path / "backups", stdout=io.StringIO())


def test_backup_restores_into_an_empty_database_with_the_same_records(
    backup, source, empty_database, tmp_path
):
    restored_media = tmp_path / "restored-media"

    call_command(
        "restore",
        backup,
        database_url=url_of(empty_database),
        media_root=restored_media,
        stdout=io.StringIO(),
    )

    with source.connect() as original, empty_database.connect() as restored:
        original_counts = counts(original)
        assert original_counts["regions_region"] > 0
        assert original_counts["members_organisation"] > 0
        assert original_counts["events_event"] > 0
        assert counts(restored) == original_counts
        for table in ("regions_region", "members_organisation", "events_event"):
            assert sample(restored, table) == sample(original, table)
    assert (restored_media / "logos" / "klinik.png").read_bytes() == b"\x89PNG demo logo"
    assert (restored_media / "programmes/2026/forum.pdf").read_bytes() == b"%PDF-1.7 programme"


def test_restore_refuses_a_database_that_is_not_empty(backup, source, tmp_path):
    with source.connect() as conn:
        before = counts(conn)

    with pytest.raises(CommandError, match="is not empty"):
        call_command(
            "restore",
            backup,
            database_url=url_of(source),
            media_root=tmp_path / "other-media",
            stdout=io.StringIO(),
        )

    with source.connect() as conn:
        assert counts(conn) == before
    assert not (tmp_path / "other-media").exists()


def test_forced_restore_replaces_what_the_database_holds(backup, source, empty_database, tmp_path):
    call_command(
        "restore",
        backup,
        database_url=url_of(empty_database),
        media_root=tmp_path / "m1",
        stdout=io.StringIO(),
    )
    with empty_database.connect() as conn:
        conn.execute(
            "DELETE FROM regions_keyfigure WHERE id IN (SELECT id FROM regions_keyfigure LIMIT 1)"
        )
        conn.commit()

    call_command(
        "restore",
        backup,
        database_url=url_of(empty_database),
        media_root=tmp_path / "m1",
        force=True,
        stdout=io.StringIO(),
    )

    with source.connect() as original, empty_database.connect() as restored:
        assert counts(restored) == counts(original)
