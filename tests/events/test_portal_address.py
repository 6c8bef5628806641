"""Links that leave a request start with PORTAL_BASE_URL, whichever host the request came to."""

import re

import pytest

from .conftest import form_data, link_in

pytestmark = pytest.mark.django_db
PORTAL = "https://portal.example.org"


@pytest.fixture(autouse=True)
def portal_address(settings):
    settings.PORTAL_BASE_URL = PORTAL


def test_registration_mail_links_to_the_portal_not_to_the_host_the_visitor_used(
    client, open_event, mailoutbox
):
    client.post(open_event.get_absolute_url(), form_data(), HTTP_HOST="localhost")

    links = re.findall(r"https?://\S+", mailoutbox[0].body)
    assert links
    assert all(link.startswith(PORTAL + "/") for link in links)


def test_event_calendar_file_carries_the_portal_address(client, open_event):
    response = client.get(f"/veranstaltungen/{open_event.slug}.ics", HTTP_HOST="localhost")

    assert f"URL:{PORTAL}/veranstaltungen/{open_event.slug}/" in response.content.decode()


def test_event_page_structured_data_and_language_links_use_the_portal_address(client, open_event):
    html = client.get(open_event.get_absolute_url(), HTTP_HOST="localhost").content.decode()

    assert f'"url": "{PORTAL}/veranstaltungen/{open_event.slug}/"' in html
    assert f'hreflang="en" href="{PORTAL}/en/events/{open_event.slug}/"' in html
    assert "http://localhost" not in html


def test_confirmation_link_in_the_mail_opens_on_the_portal(client, open_event, mailoutbox):
    client.post(open_event.get_absolute_url(), form_data())

    assert link_in(mailoutbox[0], "bestaetigen").startswith("/veranstaltungen/bestaetigen/")
    assert f"{PORTAL}/veranstaltungen/bestaetigen/" in mailoutbox[0].body
