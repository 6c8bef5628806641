import re

import pytest
from django.core.cache import cache

from legal.forms import HONEYPOT_FIELD
from legal.models import BarrierReport, LegalPage
from tests.factories import make_legal_page

# The reporter names the page in their own words; the managers' mail quotes it as given.
pytestmark = [pytest.mark.django_db, pytest.mark.external_links("portal.example.org")]

URL = "/barrierefreiheit/"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def privacy_notice():
    return make_legal_page(LegalPage.Kind.PRIVACY, version=2)


def report_data(**overrides):
    data = {
        "page_url": "https://portal.example.org/veranstaltungen/",
        "description": "Der Filter lässt sich nicht mit der Tastatur bedienen.",
        "name": "",
        "email": "",
    }
    data.update(overrides)
    return data


def test_anonymous_report_is_stored_and_reaches_the_managers(client, mailoutbox):
    response = client.post(URL, report_data())
    assert response.status_code == 302
    assert response["Location"] == "/barrierefreiheit/"
    report = BarrierReport.objects.get()
    assert report.status == BarrierReport.Status.NEW
    assert report.language == "de"
    assert report.privacy_notice is None and report.consented_at is None
    [mail] = mailoutbox
    assert mail.to == ["clustermanagement@example.org"]
    assert "Barriere gemeldet" in mail.subject
    assert "nicht mit der Tastatur" in mail.body
    assert f"/admin/legal/barrierreport/{report.pk}/change/" in mail.body
    assert mail.reply_to == []


def test_reporter_sees_a_thank_you_after_sending(client):
    response = client.post(URL, report_data(), follow=True)
    assert "Vielen Dank für Ihre Meldung" in response.content.decode()


def test_report_with_e_mail_records_consent_to_the_current_privacy_notice(
    client, mailoutbox, privacy_notice
):
    data = report_data(name="Eva Muster", email="eva@example.org", privacy_consent="on")
    client.post("/en/accessibility/", data)
    report = BarrierReport.objects.get()
    assert report.privacy_notice == privacy_notice
    assert report.consented_at is not None
    assert report.language == "en"
    assert mailoutbox[0].reply_to == ["eva@example.org"]
    assert "Barriere gemeldet" in mailoutbox[0].subject  # managers read German


def test_contact_data_without_consent_is_refused_with_a_clear_message(client, privacy_notice):
    response = client.post(URL, report_data(email="eva@example.org"))
    assert response.status_code == 200
    assert "stimmen Sie bitte der Datenschutzerklärung zu" in response.content.decode()
    assert not BarrierReport.objects.exists()


def test_report_without_description_is_refused_and_keeps_what_was_typed(client, mailoutbox):
    response = client.post(URL, report_data(description="   ", page_url="/mitglieder/x/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert 'value="/mitglieder/x/"' in html
    assert not BarrierReport.objects.exists()
    assert mailoutbox == []


def test_invalid_e_mail_address_is_refused(client, privacy_notice):
    response = client.post(URL, report_data(email="keine-adresse", privacy_consent="on"))
    assert response.status_code == 200
    assert "gültige E-Mail-Adresse" in response.content.decode()
    assert not BarrierReport.objects.exists()


def test_control_characters_are_refused_without_an_error_page(client):
    response = client.post(URL, report_data(page_url="/seite\x1b[31m", description="a\x00b"))
    assert response.status_code == 200
    assert not BarrierReport.objects.exists()


def test_filled_honeypot_is_refused(client, mailoutbox):
    response = client.post(URL, report_data(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert response.status_code == 200
    assert "konnte nicht angenommen werden" in response.content.decode()
    assert not BarrierReport.objects.exists()
    assert mailoutbox == []


def test_form_is_filled_with_the_page_the_reporter_came_from(client):
    html = client.get(URL + "?url=/veranstaltungen/").content.decode()
    assert 'value="http://testserver/veranstaltungen/"' in html
    html = client.get(URL, HTTP_REFERER="http://testserver/mitglieder/").content.decode()
    assert 'value="http://testserver/mitglieder/"' in html


def test_addresses_of_other_sites_are_not_filled_in(client):
    for query, referer in [("?url=//evil.example/", ""), ("", "https://evil.example/x")]:
        html = client.get(URL + query, HTTP_REFERER=referer).content.decode()
        [page_input] = re.findall(r'<input[^>]*name="page_url"[^>]*>', html)
        assert "value=" not in page_input


def test_too_many_reports_from_one_client_are_refused_with_429(client, mailoutbox, settings):
    limit = settings.RATE_LIMITS["barrier-report"]["per_address"]
    for _ in range(limit):
        assert client.post(URL, report_data()).status_code == 302
    response = client.post(URL, report_data())
    assert response.status_code == 429
    html = response.content.decode()
    assert "zu oft gesendet" in html
    assert "nicht mit der Tastatur" in html  # the text is not lost
    assert response["Retry-After"]
    assert BarrierReport.objects.count() == limit
    assert len(mailoutbox) == limit


def test_one_e_mail_address_is_limited_across_client_addresses(client, privacy_notice):
    data = report_data(email="Eva@Example.org", privacy_consent="on")
    for number in range(5):
        response = client.post(URL, data, REMOTE_ADDR=f"192.0.2.{number}")
        assert response.status_code == 302
    data["email"] = " eva@example.org "
    response = client.post(URL, data, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    # Another address from that client still gets through.
    other = report_data(email="otto@example.org", privacy_consent="on")
    assert client.post(URL, other, REMOTE_ADDR="198.51.100.8").status_code == 302


def test_reports_are_listed_in_the_admin(admin_client):
    BarrierReport.objects.create(page_url="/regionen/", description="Kontrast zu schwach")
    response = admin_client.get("/admin/legal/barrierreport/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/regionen/" in html and "Kontrast zu schwach" in html


def test_managers_handle_a_report_in_the_admin(admin_client):
    report = BarrierReport.objects.create(page_url="/regionen/", description="Kontrast")
    response = admin_client.post(
        f"/admin/legal/barrierreport/{report.pk}/change/",
        {"status": "in_progress", "note": "An die Agentur gegeben"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == BarrierReport.Status.IN_PROGRESS
    assert report.note == "An die Agentur gegeben"
    assert report.description == "Kontrast"


def test_reports_cannot_be_invented_in_the_admin(admin_client):
    assert admin_client.get("/admin/legal/barrierreport/add/").status_code == 403


def test_contact_data_cannot_be_stored_without_a_recorded_consent():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        BarrierReport.objects.create(page_url="/", description="x", email="a@example.org")
