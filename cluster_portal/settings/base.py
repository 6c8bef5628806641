"""Settings shared by every environment; values come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def local_database() -> dict:
    """The checkout's own cluster, started by `scripts/localdb.py` (Unix socket only)."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "cluster_portal",
        "USER": "postgres",
        "HOST": str(BASE_DIR / ".pgdata" / "run"),
        "PORT": "5432",
    }


def mailers_from_environment(default_backend: str) -> dict:
    """Django's MAILERS from EMAIL_BACKEND, EMAIL_FILE_PATH and the SMTP variables."""
    backend = os.environ.get("EMAIL_BACKEND") or default_backend
    options: dict = {}
    if backend == "django.core.mail.backends.filebased.EmailBackend":
        options["file_path"] = os.environ.get("EMAIL_FILE_PATH") or str(BASE_DIR / "var" / "mail")
    elif backend == "django.core.mail.backends.smtp.EmailBackend":
        options = {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
        }
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The portal's own apps, listed here once: INSTALLED_APPS, the translation catalogues of the
# apps (scripts/makemessages), the network management's permissions (backoffice/roles.py) and
# the autodiscovery of the site-wide lists (core/portal.py) take them from this list.
PORTAL_APPS = [
    "core",  # the shared kernel; it imports none of the apps below
    "legal",
    "pictures",  # the picture library; any model may point at its pictures
    "billing",  # prices, invoices, credit notes and payments; knows no app that sells
    "regions",
    "members",
    "events",
    "stands",
    "cooperations",
    "delegations",  # incoming delegation visits; outbound trips are events
    "news",
    "partnering",
    "b2b",
    "press",
    "groups",  # working groups; builds on members and events
    "backoffice",
]
# The apps whose objects appear on public pages: a change of their data renders the cached
# fragments that show it afresh (core/fragments.py). The B2B pages are personal and never cached.
CONTENT_APPS = [app for app in PORTAL_APPS if app not in {"core", "billing", "b2b", "backoffice"}]

INSTALLED_APPS = [
    # Before the admin, so that its admin classes and widgets take effect.
    "modeltranslation",
    "backoffice.site.PortalAdminConfig",  # django.contrib.admin with the back office's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.sitemaps",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    # The project package: settings, root URLs, the site-wide views, and as an app the
    # migration history of the models that moved to core and legal.
    "cluster_portal",
    *PORTAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    # Fills the live parts of cached fragments (places left) on the way out, inside the
    # middleware that sets Content-Length (CommonMiddleware).
    "core.fragments.LivePartsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cluster_portal.urls"
WSGI_APPLICATION = "cluster_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.languages",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}
else:
    DATABASES = {"default": local_database()}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "0"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL compiles a plan to machine code (JIT) once its estimated cost is high. For the
# portal's queries, short ones over many rows (the partner suggestions, a search matching
# thousands), compiling took 300–550 ms, longer than running them: off for the portal's
# connections, unless DATABASE_JIT=on. Behind a pooler that drops startup options (PgBouncer's
# ignore_startup_parameters), set it for the role instead: ALTER ROLE … SET jit = off.
if os.environ.get("DATABASE_JIT", "off") != "on":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(filter(None, [_options.get("options", ""), "-c jit=off"]))
DATABASES["default"].setdefault("TEST", {})
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"]["NAME"] = os.environ["TEST_DATABASE_NAME"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out user is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content in both languages (django-modeltranslation, see README): German is the source.
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
# German first; a German page shows an English-only text (say, a profile written on the English
# site) rather than nothing, and says so.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("de",), "de": ("en",)}
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

MAILERS = mailers_from_environment("django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Gesundheitswirtschaft im Netzwerk <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Cluster managers who receive notifications (applications, feedback): "Name <a@b>, c@d".
MANAGERS = [("", address) for address in env_list("MANAGER_EMAILS", [])]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGIN_URL = "admin:login"

# Security ------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline scripts or styles anywhere: everything the pages run or style comes from /static/.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# The admin login locks a username from an address out after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_LOCKOUT_CALLABLE = "backoffice.lockout.locked_out"  # the template with Retry-After
# Staff sign in to the admin with a second factor (TOTP) wherever this is on (production).
ADMIN_REQUIRE_OTP = env_bool("ADMIN_REQUIRE_OTP", False)
OTP_TOTP_ISSUER = "Gesundheitswirtschaft im Netzwerk"

# Reverse proxies in front of the app whose X-Forwarded-For the rate limit trusts (ratelimit.py).
RATELIMIT_TRUSTED_PROXIES = int(os.environ.get("RATELIMIT_TRUSTED_PROXIES", "0"))

# Every public form's limit (core/ratelimit.py): submissions per e-mail address (the
# strict limit) and per client address in `window` seconds. The per-address limit is against
# floods: a hospital's or a company's staff share one address behind NAT, and a whole team must
# be able to register for an event. Barrier reports may come without an e-mail address and reach
# the managers' inbox, so their address limit is lower.
_HOUR = 3600
RATE_LIMITS = {
    "event-registration": {"per_email": 10, "per_address": 100, "window": _HOUR},
    "registration-data": {"per_email": 10, "per_address": 100, "window": _HOUR},
    "membership-application": {"per_email": 5, "per_address": 100, "window": _HOUR},
    "access-request": {"per_email": 5, "per_address": 100, "window": _HOUR},
    "profile-change": {"per_email": 10, "per_address": 100, "window": _HOUR},
    "stand-access": {"per_email": 5, "per_address": 100, "window": _HOUR},
    "group-access": {"per_email": 5, "per_address": 100, "window": _HOUR},
    "partnering-link": {"per_email": 5, "per_address": 100, "window": _HOUR},
    "partnering-interest": {"per_email": 10, "per_address": 100, "window": _HOUR},
    "barrier-report": {"per_email": 5, "per_address": 20, "window": _HOUR},
    # Messages to members reach their inboxes: strict per sender, a little wider per address.
    "organisation-contact": {"per_email": 5, "per_address": 30, "window": _HOUR},
}

# Oversized requests are refused with a clear page (413) before a view reads them.
# The largest legitimate request is a form with one logo (at most 2 MB, members/logos.py).
MAX_REQUEST_BODY_SIZE = int(os.environ.get("MAX_REQUEST_BODY_SIZE", str(5 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # form fields without the files
FILE_UPLOAD_MAX_MEMORY_SIZE = 2560 * 1024  # larger uploads go to a temporary file
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# How long personal data is kept before `manage.py purge_personal_data` anonymises it (days).
PERSONAL_DATA_RETENTION = {
    "registrations": 365,  # after the event
    "membership_applications": 183,  # after a declined application was decided
    "barrier_reports": 365,  # after the report was received
    "co_exhibitor_applications": 365,  # after the fair; declined/withdrawn after the decision
    "expressions_of_interest": 365,  # after they were sent
    "contact_messages": 183,  # messages to members, after they were sent
    "group_memberships": 365,  # declined requests and ended memberships, after the decision
}

# Scheme, host and port of the public portal: the start of every link that leaves a request
# (e-mails, calendars, feeds, sitemap, structured data; core/site_urls.py).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").rstrip("/")

# Links in e-mails (confirm, cancel, update a profile) stay valid this long.
SIGNED_LINK_MAX_AGE = int(os.environ.get("SIGNED_LINK_MAX_AGE", str(7 * 24 * 3600)))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Production and scale-out (issue 12) --------------------------------------------------
# Every process of a deployment is interchangeable: anything two requests must share lives in
# PostgreSQL, Redis or object storage, never in one process's memory or disk.

INSTALLED_APPS += ["django_tasks_db", "crontask"]
# WhiteNoise right after SecurityMiddleware, so redirects to HTTPS still happen first.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        }
    }
    # Session reads come from Redis; the database row keeps them across a Redis restart.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # The table is created by `manage.py createcachetable` (`make setup`, deployment step).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Rendered page fragments (core.fragments): each worker's own memory, bounded, and with Redis
# a second tier that every worker shares, so that a fragment is rendered once for all. They
# are keyed by content versions kept in PostgreSQL, so no worker serves one from before a
# change, from either tier.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("FRAGMENT_CACHE_ENTRIES", "500"))},
}
if REDIS_URL:
    CACHES["fragments_shared"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal") + ":fragments",
    }
FRAGMENT_CACHE_TIMEOUT = int(os.environ.get("FRAGMENT_CACHE_TIMEOUT", "600"))
# The one word-similarity threshold of every search (core.search): a misspelt name or title
# ("Fraunhover") against the closest word of the real one. Below pg_trgm's default of 0.6 on
# purpose: a swapped pair of letters ("Implnatate") scores about 0.47 and must still be found.
SEARCH_SIMILARITY_THRESHOLD = 0.45


def storages_from_environment(staticfiles_backend: str) -> dict:
    """Uploaded files on the local disk, or in S3-compatible object storage when configured."""
    if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        options = {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Uploads are private: links are signed and expire.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        }
        default = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    else:
        default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {"default": default, "staticfiles": {"BACKEND": staticfiles_backend}}


STORAGES = storages_from_environment("django.contrib.staticfiles.storage.StaticFilesStorage")
# Files with a content hash in their name never change: browsers may keep them for a year.
WHITENOISE_MAX_AGE = int(os.environ.get("WHITENOISE_MAX_AGE", "3600"))

# E-mail goes through a queue in the database (core/mail.py), sent by
# `manage.py db_worker` (the Procfile's worker), retried with exponential back-off.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]}}
MAIL_QUEUE_NAME = "mail"
MAIL_RETRY_BASE_SECONDS = int(os.environ.get("MAIL_RETRY_BASE_SECONDS", "60"))
MAIL_RETRY_MAX_SECONDS = int(os.environ.get("MAIL_RETRY_MAX_SECONDS", "3600"))
# 60 s doubling up to an hour: 15 attempts cover about eight hours of mail-server outage.
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "15"))

# --- Back office (issue 8) ------------------------------------------------------------------
INSTALLED_APPS += ["simple_history", "import_export"]
# Records the signed-in user on every historical record (django-simple-history).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "simple_history.middleware.HistoryRequestMiddleware",
)
# An import runs in one transaction: a file with any wrong row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True

# English dates in the European order with the 24-hour clock (core/formats/en).
FORMAT_MODULE_PATH = ["core.formats"]

# The benchmark's floor view (/bench/floor/, bench/views.py): routed only when the benchmark
# switches it on (bench/run.py sets BENCHMARK_FLOOR=1); production never imports bench/.
BENCHMARK_FLOOR = env_bool("BENCHMARK_FLOOR", False)
