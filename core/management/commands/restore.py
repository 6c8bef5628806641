"""Bring a backup made by `manage.py backup` back into an empty database and MEDIA_ROOT."""

import tarfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from core.management.commands.backup import (
    DUMP_NAME,
    MEDIA_NAME,
    media_on_local_disk,
)
from core.pgtools import Target, find_client, run_tool

COUNT_TABLES = """
    SELECT count(*) FROM pg_catalog.pg_tables
    WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
"""


class Command(BaseCommand):
    help = "Restore a backup folder into an empty database (and its media files)."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="A folder written by `manage.py backup`.")
        parser.add_argument(
            "--database-url",
            help="Restore into this database instead of the configured one.",
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            help="Restore the uploaded files here instead of MEDIA_ROOT.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the contents of a database and media folder that are not empty.",
        )

    def handle(self, *args, backup, database_url, media_root, force, **options):
        started = time.monotonic()
        dump = backup / DUMP_NAME
        if not dump.is_file():
            raise CommandError(f"{backup} holds no {DUMP_NAME}; is it a backup folder?")
        if database_url:
            target = Target.from_url(database_url)
        else:
            target = Target.from_settings(connections[DEFAULT_DB_ALIAS].settings_dict)
        media_root = media_root or Path(settings.MEDIA_ROOT)
        media_archive = backup / MEDIA_NAME
        restore_media = media_archive.is_file() and media_on_local_disk()

        # Check everything before changing anything, so a refusal leaves both untouched.
        with target.connect() as conn:
            tables = conn.execute(COUNT_TABLES).fetchone()[0]
        if tables and not force:
            raise CommandError(
                f"Database {target.name} is not empty ({tables} tables). Restore into an empty "
                "database, or pass --force (make restore FORCE=1) to replace its contents."
            )
        if restore_media and media_root.is_dir() and any(media_root.iterdir()) and not force:
            raise CommandError(
                f"{media_root} is not empty. Restore into an empty folder, or pass --force."
            )

        pg_restore = find_client("pg_restore", target.server_major())
        command = [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error"]
        if tables:
            command += ["--clean", "--if-exists"]
        # One transaction: a failed restore leaves the database as it was.
        command += ["--single-transaction", *target.cli_args(), str(dump)]
        run_tool(command, target)

        media_files = 0
        if restore_media:
            media_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(media_archive, "r:gz") as archive:
                members = [member for member in archive.getmembers() if member.isfile()]
                # The "data" filter refuses absolute paths, links out of the folder and devices.
                archive.extractall(media_root, members=members, filter="data")
                media_files = len(members)

        self.stdout.write(
            f"Restored {backup} into database {target.name} and {media_files} media files into "
            f"{media_root} ({time.monotonic() - started:.1f} s)"
        )
