"""The environment picks the shared services: Redis for the cache, object storage for uploads."""

from tests.cluster_portal.test_settings import PRODUCTION_ENV, run_manage

PRINT_SERVICES = (
    "from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND']); "
    "print(settings.SESSION_ENGINE); "
    "print(settings.STORAGES['default']['BACKEND']); "
    "print(settings.STORAGES['default'].get('OPTIONS', {}).get('bucket_name')); "
    "print(settings.STORAGES['default'].get('OPTIONS', {}).get('endpoint_url'))"
)


def services(env):
    result = run_manage("shell", "--no-imports", "-c", PRINT_SERVICES, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_redis_or_bucket_cache_sessions_and_files_use_database_and_disk():
    assert services({"REDIS_URL": "", "AWS_STORAGE_BUCKET_NAME": ""}) == [
        "django.core.cache.backends.db.DatabaseCache",
        "django.contrib.sessions.backends.db",
        "django.core.files.storage.FileSystemStorage",
        "None",
        "None",
    ]


def test_redis_url_moves_the_cache_to_redis():
    cache_backend, session_engine, *_ = services({"REDIS_URL": "redis://cache.internal:6379/1"})

    assert cache_backend == "django.core.cache.backends.redis.RedisCache"
    assert session_engine == "django.contrib.sessions.backends.cached_db"


def test_bucket_name_moves_uploads_to_s3_compatible_storage():
    env = {
        "AWS_STORAGE_BUCKET_NAME": "portal-media",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
    }

    assert services(env)[2:] == [
        "storages.backends.s3.S3Storage",
        "portal-media",
        "https://objects.example.org",
    ]


def test_production_serves_compressed_hashed_static_files_through_whitenoise():

    code = (
        "from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND']); "
        "print(settings.MIDDLEWARE[1])"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
