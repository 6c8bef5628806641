"""The test suite: real PostgreSQL, e-mails in memory, fast password hashing."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The test client's host; tests of the address itself override it.
PORTAL_BASE_URL = "http://testserver"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MANAGERS = [("Clustermanagement", "clustermanagement@example.org")]
# Tests log in with client.login() and force_login(); the lockout has tests of its own.
AXES_ENABLED = False

# --- Production and scale-out (issue 12) --------------------------------------------------
# Mail is sent the moment it is queued, so `mailoutbox` sees it synchronously; the tests of
# the queue itself switch to the database backend (tests/cluster_portal/test_mail_queue.py).
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "mail"],
    }
}
# Static files come from the app folders; tests that need collectstatic set STATIC_ROOT.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True

# The fragment cache is on, as in production (base.py's LocMemCache): a test fails when a change
# does not show on the next visit. Test transactions never commit, so a page served inside one is
# keyed by the connection's pending changes (core.fragments). The cache is emptied before
# every test (tests/conftest.py); a test about rendering without it asks for `fragment_cache_off`.
