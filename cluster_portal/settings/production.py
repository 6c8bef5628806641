"""Production: every secret from the environment, fail fast when one is missing."""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list


def required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", []) or required("ALLOWED_HOSTS").split(",")
required("DATABASE_URL")


def portal_base_url() -> str:
    """PORTAL_BASE_URL, checked: every e-mail and feed would carry a wrong one."""
    url = required("PORTAL_BASE_URL").rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc or parts.path or parts.query:
        raise ImproperlyConfigured(
            f"PORTAL_BASE_URL must be the portal's scheme and host, e.g. "
            f"https://portal.example.org, not {url!r}."
        )
    return url


PORTAL_BASE_URL = portal_base_url()

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Secure cookies unless switched off for a plain-HTTP trial (the two-process test, a local load
# test); a real deployment leaves both unset.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
CSRF_COOKIE_HTTPONLY = True
ADMIN_REQUIRE_OTP = env_bool("ADMIN_REQUIRE_OTP", True)
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405

# --- Production and scale-out (issue 12) --------------------------------------------------
# Compressed, content-hashed static files (`collectstatic`), served by WhiteNoise with
# far-future cache headers.
STORAGES = storages_from_environment(  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
