"""The portal's own address, for absolute links in e-mails and calendars."""

import os

from django.conf import settings


def request_base_url(request) -> str:
    """Scheme and host the visitor used, e.g. https://portal.example.org."""
    return request.build_absolute_uri("/").rstrip("/")


def configured_base_url() -> str:
    """For links sent outside a request (commands): PORTAL_BASE_URL, else the first of
    ALLOWED_HOSTS (https, http for local names), else "" when nothing says where we are."""
    if os.environ.get("PORTAL_BASE_URL"):
        return os.environ["PORTAL_BASE_URL"]
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
    if not hosts:
        return ""
    scheme = "http" if hosts[0] in ("localhost", "127.0.0.1", "testserver") else "https"
    return f"{scheme}://{hosts[0]}"
