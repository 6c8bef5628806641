"""The back office's admin site: the portal's name, and the technical tables under "System"."""

import pytest
from django.contrib import admin

from backoffice.site import PortalAdminSite, is_system_model

pytestmark = pytest.mark.django_db

HEADER = "Gesundheitswirtschaft im Netzwerk – Verwaltung"


def test_the_default_admin_site_is_the_back_office():
    assert isinstance(admin.site._wrapped, PortalAdminSite)


def test_header_and_title_name_the_portal_on_the_start_and_login_pages(admin_client, client):
    for page in [admin_client.get("/admin/"), client.get("/admin/login/")]:
        html = page.content.decode()
        assert f'<a href="/admin/">{HEADER}</a>' in html
        assert f"| {HEADER}</title>" in html
        assert "Django" not in html.split("<body", 1)[1].split("<script", 1)[0]


def test_the_admin_pages_load_the_portal_colours(admin_client):
    assert "/static/backoffice/brand.css" in admin_client.get("/admin/").text


def section_names(response) -> list[str]:
    return [str(app["name"]) for app in response.context["app_list"]]


def system_models(response) -> list[str]:
    return [
        model["model"]._meta.label_lower
        for app in response.context["app_list"]
        if app["app_label"] == "system"
        for model in app["models"]
    ]


def test_superuser_finds_the_technical_tables_in_one_system_section_at_the_end(admin_client):
    response = admin_client.get("/admin/")

    assert section_names(response)[-1] == "System"
    assert set(system_models(response)) >= {
        "axes.accessattempt",
        "axes.accesslog",
        "otp_totp.totpdevice",
        "django_tasks_database.dbtaskresult",
        "core.contentversion",
        "core.ratelimitcounter",
        "core.searchword",
        "core.erasurerecord",
    }
    # Nowhere else: the business sections hold only business tables.
    for app in response.context["app_list"][:-1]:
        assert not [m for m in app["models"] if is_system_model(m["model"])], app["name"]
    assert "Anmeldesperren" not in section_names(response)
    system_page = admin_client.get("/admin/system/")
    assert system_page.status_code == 200
    assert "Suchwörter" in system_page.text
    # A technical table's own app page still works, for its breadcrumbs.
    assert admin_client.get("/admin/axes/").status_code == 200
    assert admin_client.get("/admin/core/searchword/").status_code == 200


@pytest.mark.parametrize("client_fixture", ["network_client", "regional_client"])
def test_managers_see_no_system_section(request, client_fixture):
    client = request.getfixturevalue(client_fixture)

    response = client.get("/admin/")

    assert "System" not in section_names(response)
    assert not system_models(response)
    # Nor in the sidebar of another page.
    page = client.get("/admin/members/organisation/")
    assert all(app["app_label"] != "system" for app in page.context["available_apps"])
    assert client.get("/admin/system/").status_code == 404
    for url in ["/admin/core/searchword/", "/admin/core/contentversion/"]:
        assert client.get(url).status_code == 403


def test_central_manager_still_reaches_the_erasure_records_through_the_privacy_box(
    network_client,
):
    html = network_client.get("/admin/").text

    assert 'href="/admin/core/erasurerecord/"' in html
    assert network_client.get("/admin/core/erasurerecord/").status_code == 200
