"""Development on a laptop: debug on, e-mails printed or written to files."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list, mailers_from_environment

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "local-development-only-not-secret"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
MAILERS = mailers_from_environment("django.core.mail.backends.console.EmailBackend")
# Where runserver answers (`make run` sets both from PORT).
PORTAL_BASE_URL = (
    os.environ.get("PORTAL_BASE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")
# runserver serves static files from the app folders; `make serve` collects them.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
