"""A manager working in German meets no English on the admin pages (see the public pages'
tests/cluster_portal/test_translations.py, whose visible-text reading this uses)."""

import pytest

from events.models import Registration
from tests import factories
from tests.cluster_portal.test_translations import VisibleText, words_found
from tests.factories import make_open_event, make_registration

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


def test_admin_index_names_technical_apps_and_lists_in_german(admin_client):
    text = german_text(admin_client, "/admin/")

    for name in ["Anmeldesperren", "Zwei-Faktor-Anmeldung", "TOTP-Geräte", "Hintergrundaufgaben"]:
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
