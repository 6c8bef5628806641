"""Fixtures of the project's tests: static files collected once for server processes."""

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def collected_static():
    """`collectstatic` once into a private folder, for production-settings server processes."""
    import shutil
    import tempfile

    from bench.appservers import collect_static, production_env

    root = Path(tempfile.mkdtemp(prefix="portal-static-"))
    env = production_env(
        database_url="postgres://unused@/unused", secret_key="collectstatic", static_root=root
    )
    collect_static(env)
    yield root
    shutil.rmtree(root, ignore_errors=True)
