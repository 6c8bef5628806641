"""The benchmark's own database: on the same server as the portal's, never the portal's itself."""

import hashlib
import json
from dataclasses import replace
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db.migrations.loader import MigrationLoader
from psycopg import sql

from core.pgtools import Target

BENCH_SUFFIX = "_bench"


def bench_url(url: str = "", suffix: str = BENCH_SUFFIX) -> str:
    """`url`, or the configured database's server with `<name><suffix>` as database."""
    if url:
        return url
    target = Target.from_settings(settings.DATABASES["default"])
    return target_url(replace(target, name=target.name + suffix))


def target_url(target: Target) -> str:
    auth = quote(target.user, safe="")
    if target.password:
        auth += ":" + quote(target.password, safe="")
    query = {}
    netloc = f"{auth}@" if auth else ""
    if target.host.startswith("/"):
        # A Unix socket folder cannot stand in the host part of a URL.
        query["host"] = target.host
        if target.port:
            query["port"] = target.port
    else:
        netloc += target.host + (f":{target.port}" if target.port else "")
    if target.sslmode:
        query["sslmode"] = target.sslmode
    suffix = f"?{urlencode(query)}" if query else ""
    return f"postgres://{netloc}/{quote(target.name, safe='')}{suffix}"


def schema_fingerprint() -> str:
    """Changes whenever a migration is added, so that a grown schema gets a fresh database."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    names = sorted(f"{app}.{name}" for app, name in loader.disk_migrations)
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def maintenance(target: Target):
    return replace(target, name="postgres").connect(autocommit=True)


def read_marker(target: Target) -> dict | None:
    """What the database was built with (kept as its comment), None if it does not exist."""
    with maintenance(target) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [target.name],
        ).fetchone()
    if row is None:
        return None
    try:
        return json.loads(row[0] or "{}")
    except json.JSONDecodeError:
        return {}


def recreate(target: Target) -> None:
    with maintenance(target) as conn:
        name = sql.Identifier(target.name)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def write_marker(target: Target, marker: dict) -> None:
    with maintenance(target) as conn:
        conn.execute(
            sql.SQL("COMMENT ON DATABASE {} IS {}").format(
                sql.Identifier(target.name), sql.Literal(json.dumps(marker, sort_keys=True))
            )
        )
