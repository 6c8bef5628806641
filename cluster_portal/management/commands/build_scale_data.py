"""Fill a separate database with synthetic data at the scale of a national network.

    manage.py build_scale_data                      # <database>_bench on the same server
    manage.py build_scale_data --organisations 100000 --database-url postgres://…/portal_10x
    manage.py build_scale_data --here --organisations 50     # the configured database (tests)

The database is created (dropped first when it holds other data), migrated, given the demo
data (regions, sectors, innovation fields, privacy notice) and then the synthetic rows. Its
comment records size, seed and migrations; a second run with the same values reuses it.
"""

import os
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bench import database
from bench.scale import Size, generate
from core import lexicon
from core.pgtools import Target


class Command(BaseCommand):
    help = "Build the benchmark database with synthetic data (sized by arguments, seeded)."

    def add_arguments(self, parser):
        defaults = Size()
        for name, default in defaults.as_dict().items():
            parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=default)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--database-url",
            default=os.environ.get("BENCH_DATABASE_URL", ""),
            help="The database to fill (default: <configured name>_bench on the same server).",
        )
        parser.add_argument(
            "--here",
            action="store_true",
            help="Add the data to the configured database itself instead (tests).",
        )
        parser.add_argument(
            "--suffix",
            default=database.BENCH_SUFFIX,
            help="Without --database-url: the database is <configured name><suffix>.",
        )
        parser.add_argument("--force", action="store_true", help="Rebuild even if it matches.")
        parser.add_argument(
            "--print-url", action="store_true", help="Only print the database's URL."
        )

    def handle(self, *args, **options):
        size = Size(**{name: options[name] for name in Size().as_dict()})
        if any(value < 0 for value in size.as_dict().values()):
            raise CommandError("Sizes cannot be negative.")
        url = database.bench_url(options["database_url"], options["suffix"])
        if options["print_url"]:
            self.stdout.write(url)
        elif options["here"]:
            self.fill_here(size, options["seed"])
        else:
            self.build_separate(size, options["seed"], url, options["force"])

    def fill_here(self, size: Size, seed: int):
        started = time.monotonic()
        with transaction.atomic():
            call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))  # noqa: SIM115
            counts = generate(size, seed=seed, log=self.stdout.write)
            # Bulk inserts send no signals: the spelling lexicon is built from all of it.
            counts["search_lexicon"] = lexicon.refresh_all()
        self.stdout.write(f"Generated in {time.monotonic() - started:.1f} s: {counts}")

    def build_separate(self, size: Size, seed: int, url: str, force: bool):
        target = Target.from_url(url)
        configured = Target.from_settings(settings.DATABASES["default"])
        if (target.name, target.host, target.port) == (
            configured.name,
            configured.host,
            configured.port,
        ):
            raise CommandError(
                "That is the portal's own database; the scale data goes into a separate one."
            )
        marker = {
            "size": size.as_dict(),
            "seed": seed,
            "migrations": database.schema_fingerprint(),
        }
        if not force and database.read_marker(target) == marker:
            self.stdout.write(f"{target.name}: already built with {marker}; reusing it.")
            return
        started = time.monotonic()
        self.stdout.write(f"{target.name}: creating, migrating and filling ({size})")
        database.recreate(target)
        env = os.environ | {"DATABASE_URL": url, "DEBUG": "0"}
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        sizes = [f"--{name.replace('_', '-')}={value}" for name, value in size.as_dict().items()]
        for command in (
            ["migrate", "--noinput", "-v", "0"],
            ["createcachetable"],
            ["build_scale_data", "--here", f"--seed={seed}", *sizes],
        ):
            result = subprocess.run(manage + command, env=env, check=False)  # noqa: S603
            if result.returncode != 0:
                raise CommandError(f"{' '.join(command[:1])} on {target.name} failed.")
        database.write_marker(target, marker)
        self.stdout.write(
            self.style.SUCCESS(f"{target.name} built in {time.monotonic() - started:.1f} s.")
        )
