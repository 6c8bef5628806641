"""The portal's own address, the one start of every link that leaves a request.

E-mails, calendar files, QR codes, feeds, the sitemap, structured data and commands all build
absolute links from `settings.PORTAL_BASE_URL` (scheme, host and port, no trailing slash), never
from the Host header of whichever request happens to be at hand: a mail queued by a request that
came through an internal address, or a command run from cron, must still link to the public site.
Production refuses to start without it (settings/production.py); `make run` sets it from `PORT`.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str = "/") -> str:
    """`path` (as `reverse()` or `get_absolute_url()` return it) on the portal's address."""
    if path.startswith(("https://", "http://")):
        return path
    if not path.startswith("/"):
        raise ValueError(f"expected a path starting with '/', not {path!r}")
    return settings.PORTAL_BASE_URL + path


def portal_scheme() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).scheme


def portal_host() -> str:
    """Host and port of the portal's address, e.g. portal.example.org or 127.0.0.1:8000."""
    return urlsplit(settings.PORTAL_BASE_URL).netloc
