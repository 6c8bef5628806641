"""Connection details and client binaries for pg_dump / pg_restore, matched to the server."""

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

import dj_database_url
import psycopg
from django.core.management.base import CommandError


@dataclass(frozen=True)
class Target:
    """One PostgreSQL database, as the command-line tools and psycopg want it."""

    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    sslmode: str = ""

    @classmethod
    def from_settings(cls, database: dict) -> "Target":
        # A URL such as postgres://user@/name?host=/socket/dir puts host and port in OPTIONS.
        options = database.get("OPTIONS") or {}
        return cls(
            name=database["NAME"],
            user=database.get("USER") or "",
            password=database.get("PASSWORD") or "",
            host=str(database.get("HOST") or options.get("host") or ""),
            port=str(database.get("PORT") or options.get("port") or ""),
            sslmode=str(options.get("sslmode") or ""),
        )

    @classmethod
    def from_url(cls, url: str) -> "Target":
        return cls.from_settings(dj_database_url.parse(url))

    def cli_args(self) -> list[str]:
        args = ["--dbname", self.name]
        for flag, value in (
            ("--host", self.host),
            ("--port", self.port),
            ("--username", self.user),
        ):
            if value:
                args += [flag, value]
        return args

    def env(self) -> dict[str, str]:
        # PGHOST, PGDATABASE ... from the caller's shell would point the tools elsewhere.
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        if self.password:
            env["PGPASSWORD"] = self.password
        if self.sslmode:
            env["PGSSLMODE"] = self.sslmode
        return env

    def connect(self, **kwargs) -> psycopg.Connection:
        params = {"dbname": self.name, "user": self.user, "password": self.password}
        params |= {"host": self.host, "port": self.port, "sslmode": self.sslmode}
        return psycopg.connect(**{k: v for k, v in params.items() if v}, **kwargs)

    def server_major(self) -> int:
        with self.connect() as conn:
            return conn.info.server_version // 10000


def client_major(binary: str) -> int:
    output = subprocess.run(  # noqa: S603 - a path we located ourselves
        [binary, "--version"], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r"\s(\d+)(?:\.\d+)?", output)
    return int(match.group(1)) if match else 0


def find_client(tool: str, server_major: int) -> str:
    """The tool of the server's own major version, else the newest installed that is not older.

    pg_dump refuses servers newer than itself, and a dump from a newer pg_dump may use features an
    older pg_restore cannot read, so the versions matter.
    """
    override = os.environ.get("PG_BIN")
    candidates = [os.path.join(override, tool)] if override else []
    candidates.append(f"/usr/lib/postgresql/{server_major}/bin/{tool}")
    candidates += sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), reverse=True)
    if found := shutil.which(tool):
        candidates.append(found)
    for candidate in candidates:
        if os.access(candidate, os.X_OK) and client_major(candidate) >= server_major:
            return candidate
    raise CommandError(
        f"No {tool} of PostgreSQL {server_major} or newer found; install the PostgreSQL client "
        f"of the server's version or set PG_BIN to the folder holding {tool}."
    )


def run_tool(command: list[str], target: Target) -> None:
    result = subprocess.run(  # noqa: S603 - fixed tool path and arguments
        command, env=target.env(), stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"{os.path.basename(command[0])} failed:\n{result.stderr.strip()}")
