import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import override_settings
from django.urls import path

from cluster_portal.urls import urlpatterns as portal_urlpatterns

pytestmark = pytest.mark.django_db


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("test")


def broken(request):
    raise RuntimeError("test")


urlpatterns = [
    path("test-403/", forbidden),
    path("test-400/", suspicious),
    path("test-500/", broken),
    *portal_urlpatterns,
]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/test-403/", 403, "Zugriff verweigert"),
        ("/test-400/", 400, "Ungültige Anfrage"),
        ("/gibt-es-nicht/", 404, "Seite nicht gefunden"),
    ],
)
def test_error_pages_are_branded_translated_and_lead_back(client, url, status, heading):
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'href="/"' in html
    assert 'href="/mitglieder/"' in html


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_is_branded_and_translated(client):
    client.raise_request_exception = False
    response = client.get("/test-500/")
    assert response.status_code == 500
    assert "Etwas ist schiefgelaufen" in response.content.decode()


def test_forbidden_host_gets_the_400_page_without_a_second_error(client):
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("url", ["/test-403/", "/gibt-es-nicht/"])
def test_not_found_and_forbidden_pages_offer_the_site_search(client, url):
    html = client.get(url).content.decode()
    assert 'action="/suche/"' in html
    assert 'name="q"' in html


def test_english_not_found_page_searches_the_english_site(client):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'action="/en/search/"' in html


@override_settings(ROOT_URLCONF=__name__)
def test_server_error_page_offers_no_search_that_needs_the_database(client):
    client.raise_request_exception = False
    html = client.get("/test-500/").content.decode()
    assert 'action="/suche/"' not in html.split("<main", 1)[-1].split("</main>")[0]
