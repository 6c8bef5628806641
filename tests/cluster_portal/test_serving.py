"""Static files as production serves them: WhiteNoise, compressed and content-hashed names."""

import re

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client

ONE_YEAR_OR_MORE = re.compile(r"max-age=(\d+)")


@pytest.fixture
def production_static(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_MAX_AGE = 3600
    call_command("collectstatic", "--noinput", verbosity=0)
    return settings.STATIC_ROOT


def test_static_urls_carry_a_content_hash(production_static):
    url = static("css/portal.css")

    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url), url
    assert (production_static / url.removeprefix("/static/")).exists()


def test_hashed_static_file_may_be_cached_for_a_year(production_static):
    response = Client().get(static("css/portal.css"))

    assert response.status_code == 200
    cache_control = response.headers["Cache-Control"]
    assert "immutable" in cache_control
    assert int(ONE_YEAR_OR_MORE.search(cache_control).group(1)) >= 365 * 24 * 3600


def test_static_file_is_sent_compressed_to_a_browser_that_accepts_it(production_static):
    url = static("vendor/bootstrap-5.3.9/bootstrap.min.css")

    compressed = Client().get(url, headers={"accept-encoding": "gzip"})
    plain = Client().get(url)

    assert compressed.status_code == plain.status_code == 200
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in plain.headers
    assert int(compressed.headers["Content-Length"]) < int(plain.headers["Content-Length"]) / 3


def test_unhashed_name_is_only_cached_briefly(production_static):
    response = Client().get("/static/css/portal.css")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=3600, public"


def test_pages_link_the_hashed_static_files(production_static, db):
    response = Client().get("/")

    assert response.status_code == 200
    assert static("css/portal.css") in response.text
    assert 'href="/static/css/portal.css"' not in response.text


def test_test_settings_keep_plain_static_storage(settings):
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
