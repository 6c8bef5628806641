"""Write a database dump and the uploaded files into var/backups/<timestamp>/."""

import json
import tarfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from core.pgtools import Target, find_client, run_tool

DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar.gz"
MANIFEST_NAME = "manifest.json"


def media_on_local_disk() -> bool:
    return settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


class Command(BaseCommand):
    help = "Back up the database (pg_dump, custom format) and MEDIA_ROOT into a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=settings.BASE_DIR / "var" / "backups",
            help="Folder that receives the <timestamp>/ folder (default: var/backups).",
        )

    def handle(self, *args, output_dir, **options):
        started = time.monotonic()
        target = Target.from_settings(connections[DEFAULT_DB_ALIAS].settings_dict)
        server_major = target.server_major()
        pg_dump = find_client("pg_dump", server_major)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S.%fZ")
        folder = output_dir / stamp
        folder.mkdir(parents=True, mode=0o700)

        # Custom format: compressed, and pg_restore can restore it selectively.
        run_tool(
            [pg_dump, "--format=custom", "--file", str(folder / DUMP_NAME), *target.cli_args()],
            target,
        )

        media_files = 0
        if media_on_local_disk():
            media_root = Path(settings.MEDIA_ROOT)
            with tarfile.open(folder / MEDIA_NAME, "w:gz") as archive:
                if media_root.is_dir():
                    for path in sorted(media_root.rglob("*")):
                        if path.is_file():
                            archive.add(path, arcname=str(path.relative_to(media_root)))
                            media_files += 1
        else:
            self.stderr.write(
                "Uploaded files are in object storage, not in this backup: back up the bucket "
                "(versioning or replication) on the storage side."
            )

        manifest = {
            "created_at": timezone.now().isoformat(),
            "database": target.name,
            "server_major": server_major,
            "pg_dump": pg_dump,
            "media_files": media_files if media_on_local_disk() else None,
        }
        (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n")
        size = sum(path.stat().st_size for path in folder.iterdir())
        self.stdout.write(
            f"Backup written to {folder} ({size / 1024:.0f} KiB, {media_files} media files, "
            f"{time.monotonic() - started:.1f} s)"
        )
        return str(folder)
