"""A manager working in German meets no English on the admin pages (see the public pages'
tests/cluster_portal/test_translations.py, whose visible-text reading this uses)."""

import pytest

from events.models import Registration
from tests import factories
from tests.backoffice.test_changelists import ADMINS, ROW_MAKERS
from tests.cluster_portal.test_translations import VisibleText, words_found
from tests.factories import make_open_event, make_registration
from tests.factories.autofill import auto_row_maker

pytestmark = pytest.mark.django_db

# What a German manager met in English: Django 6.1 admin strings its German catalogue lacks,
# third-party apps without German names, and a list named in the singular.
ENGLISH_ADMIN_TEXT = [
    "Select an option",
    "Run",
    "Search",
    "Pagination",
    "AXES",
    "Axes",
    "OTP_TOTP",
    "Otp_Totp",
    "TOTP devices",
    "Tasks Database Backend",
    "TASKS DATABASE BACKEND",
    "Task Results",
    # Stock Django's name for itself, and words an untranslated sentence would show.
    "Django",
    "Administration",
    "Site administration",
    "Overview",
    "Save",
    "Delete",
    "History",
    "Change",
    "Add",
    "Select",
    "Choose",
    "Show all",
    "Report",
    "Reports",
    "Export",
    "Members",
    "Events",
    "the",
    "and",
    "of",
    "with",
    "for",
    "to",
    "is",
    "not",
    "this",
]


def german_text(client, url):
    response = client.get(url, headers={"accept-language": "de"})
    assert response.status_code == 200, url
    return VisibleText.of(response.content.decode(), "de")


def test_admin_pages_in_german_show_no_english(admin_client):
    event = make_open_event(title="Netzwerktreffen", region=factories.make_region())
    for number in range(3):
        make_registration(event, name=f"Person {number}", status=Registration.Status.CONFIRMED)
    pages = [
        "/admin/",
        # A changelist with filters, search, pagination and actions.
        "/admin/events/registration/?q=Person&status__exact=confirmed",
        "/admin/events/event/",
        # Change forms with date-time fields and choices.
        f"/admin/events/event/{event.pk}/change/",
        "/admin/events/event/add/",
    ]
    for url in pages:
        text = german_text(admin_client, url)
        assert not words_found(text, ENGLISH_ADMIN_TEXT), (
            url,
            words_found(text, ENGLISH_ADMIN_TEXT),
        )


def assert_german(client, url):
    text = german_text(client, url)
    assert not words_found(text, ENGLISH_ADMIN_TEXT), (url, words_found(text, ENGLISH_ADMIN_TEXT))


@pytest.mark.parametrize("label,model_admin", ADMINS, ids=[label for label, _a in ADMINS])
def test_every_list_and_change_page_of_the_portal_is_german(admin_client, label, model_admin):
    """The list and a record's page of every admin of the portal's apps, as a superuser sees
    them (every button, filter and action)."""
    if label == "b2b.b2bexchange":
        factories.make_event(kind="b2b")  # the proxy lists B2B exchanges only
    else:
        (ROW_MAKERS.get(label) or auto_row_maker(model_admin.model))(1)
    opts = model_admin.model._meta
    assert_german(admin_client, f"/admin/{opts.app_label}/{opts.model_name}/")
    record = model_admin.get_queryset(_request(admin_client)).order_by("pk").last()
    assert record is not None, label
    assert_german(admin_client, f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/")


def _request(client):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    return request


def test_start_page_login_and_system_pages_are_german(admin_client, client):
    for url in ["/admin/", "/admin/system/", "/admin/auth/user/", "/admin/auth/group/"]:
        assert_german(admin_client, url)
    assert_german(client, "/admin/login/")


def test_admin_index_names_technical_apps_and_lists_in_german(admin_client):
    text = german_text(admin_client, "/admin/")

    for name in [
        "Anmeldesperren: Zugriffsversuche",
        "Zwei-Faktor-Anmeldung: TOTP-Geräte",
        "Hintergrundaufgaben: Aufgabenergebnisse",
    ]:
        assert name in text
    assert "Veranstaltungsreihen" in text


def test_change_form_offers_choices_and_runs_actions_in_german(admin_client):
    make_registration(make_open_event(), status=Registration.Status.CONFIRMED)

    assert "– Bitte auswählen –" in german_text(admin_client, "/admin/events/event/add/")
    changelist = german_text(admin_client, "/admin/events/registration/")
    assert "Ausführen" in changelist
    assert "Anmeldungen durchsuchen" in changelist
    assert "Seitennavigation Anmeldungen" in changelist


def test_time_zone_note_of_date_time_fields_is_german(admin_client):
    catalogue = admin_client.get("/admin/jsi18n/", headers={"accept-language": "de"}).text

    assert "Hinweis: Zeiten bitte in der Zeitzone %(timezone)s eingeben." in catalogue
