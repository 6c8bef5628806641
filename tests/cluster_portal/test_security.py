import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from tests.cluster_portal.test_settings import PRODUCTION_ENV, ROOT

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/mitglieder/",
    "/regionen/",
    "/veranstaltungen/",
    "/kooperationen/",
    "/impressum/",
    "/datenschutz/",
    "/en/",
    "/gibt-es-nicht/",
    "/admin/login/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_page_carries_a_strict_content_security_policy(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_page_sends_the_protective_headers(client, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@override_settings(AXES_ENABLED=True)
def test_admin_login_locks_out_after_repeated_failures(client, django_user_model):
    django_user_model.objects.create_superuser("manager", "m@example.org", "a-Real-passw0rd!")
    statuses = [
        client.post(
            "/admin/login/", {"username": "manager", "password": "wrong"}, REMOTE_ADDR="10.0.0.1"
        ).status_code
        for _attempt in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks the login
    locked = client.post(
        "/admin/login/",
        {"username": "manager", "password": "a-Real-passw0rd!"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert locked.status_code == 429
    assert locked["Retry-After"] == "3600"
    assert "für 1 Stunde gesperrt" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True)
def test_successful_admin_login_works_below_the_limit(client, django_user_model):
    django_user_model.objects.create_superuser("manager", "m@example.org", "a-Real-passw0rd!")
    client.post("/admin/login/", {"username": "manager", "password": "wrong"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "manager", "password": "a-Real-passw0rd!"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_weak_passwords_are_refused(django_user_model):
    user = django_user_model(username="manager")
    for weak in ["12345678", "password", "manager1", "kurz"]:
        with pytest.raises(ValidationError):
            validate_password(weak, user)


def test_production_admin_requires_a_second_factor():
    script = (
        "import django; django.setup(); from django.contrib import admin; "
        "from django_otp.admin import OTPAdminSite; print(isinstance(admin.site, OTPAdminSite))"
    )
    env = {"PATH": "/usr/bin:/bin", **PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
