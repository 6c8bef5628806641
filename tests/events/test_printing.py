"""Name badges and the check-in list to sign, as print-ready PDFs of the event's admin page."""

import io
import re

import pytest
from pypdf import PdfReader

from backoffice.roles import REGIONAL_MANAGEMENT
from events.models import Registration
from events.printing import BADGES_PER_SHEET, sort_key
from tests import factories
from tests.factories import make_open_event, make_registration

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def event():
    event = make_open_event(title="Netzwerktreffen Telemedizin", venue_name="Gesundheitscampus")
    for name, organisation in [
        ("Zoë Łukasiewicz", "Universitätsklinikum Münster"),
        ("Anna Schmidt", "saar.is saarland.innovation&standort e. V."),
        ("Ömer Şahin", "Fraunhofer IBMT"),
        ("bernd Klein", ""),
    ]:
        make_registration(event, name=name, organisation_name=organisation, status=Status.CONFIRMED)
    make_registration(event, name="Wanda Warteliste", status=Status.WAITING_LIST)
    make_registration(event, name="Paul Pending", status=Status.PENDING)
    make_registration(event, name="Carla Cancelled", status=Status.CANCELLED)
    make_registration(event, name="Otto Offered", status=Status.OFFERED)
    return event


def read(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_check_in_list_has_the_confirmed_participants_by_name_and_a_signature_column(
    admin_client, event
):
    reader = read(admin_client.get(f"/admin/events/event/{event.pk}/check-in-list.pdf"))
    text = text_of(reader)

    names = ["Anna Schmidt", "bernd Klein", "Ömer Şahin", "Zoë Łukasiewicz"]
    for name in names:
        assert name in text
    assert [text.index(name) for name in names] == sorted(text.index(name) for name in names)
    for other in ["Wanda Warteliste", "Paul Pending", "Carla Cancelled", "Otto Offered"]:
        assert other not in text
    assert "Unterschrift" in text
    assert "Einlassliste: Netzwerktreffen Telemedizin" in text
    assert "4 bestätigte Teilnehmende" in text
    assert "saar.is saarland.innovation&standort e. V." in " ".join(text.split())
    assert "Seite 1 von 1" in text
    assert reader.metadata.title == "Einlassliste: Netzwerktreffen Telemedizin"


def test_check_in_list_numbers_its_pages_and_repeats_the_event_on_each(admin_client):
    event = make_open_event(title="Großer Kongress")
    for number in range(60):
        make_registration(event, name=f"Person {number:02d}", status=Status.CONFIRMED)

    reader = read(admin_client.get(f"/admin/events/event/{event.pk}/check-in-list.pdf"))

    pages = len(reader.pages)
    assert pages >= 3
    for index, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Seite {index} von {pages}" in text
        assert "Einlassliste: Großer Kongress" in text
        assert "Unterschrift" in text  # the heading row repeats
    assert "Person 59" in text_of(reader)


def test_badges_carry_name_organisation_and_event_eight_to_a_sheet(admin_client, event):
    for number in range(BADGES_PER_SHEET + 1 - 4):
        make_registration(event, name=f"Extra {number}", status=Status.CONFIRMED)

    reader = read(admin_client.get(f"/admin/events/event/{event.pk}/badges.pdf"))

    assert len(reader.pages) == 2  # nine confirmed participants: a full sheet and one more
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    first = reader.pages[0].extract_text()
    assert first.count("Netzwerktreffen Telemedizin") == BADGES_PER_SHEET
    text = text_of(reader)
    for expected in [
        "Zoë Łukasiewicz",
        "Universitätsklinikum Münster",
        "Ömer Şahin",
        "Fraunhofer IBMT",
        "Anna Schmidt",
    ]:
        assert expected in text
    for other in ["Wanda Warteliste", "Paul Pending", "Carla Cancelled", "Otto Offered"]:
        assert other not in text


def test_an_event_without_confirmed_participants_gets_a_page_that_says_so(admin_client):
    event = make_open_event()
    make_registration(event, status=Status.WAITING_LIST)

    for url in ["badges.pdf", "check-in-list.pdf"]:
        reader = read(admin_client.get(f"/admin/events/event/{event.pk}/{url}"))
        assert "Noch keine bestätigten Teilnehmenden." in text_of(reader)


def test_the_event_page_offers_both_printouts_as_buttons(admin_client, event):
    html = admin_client.get(f"/admin/events/event/{event.pk}/change/").text

    tools = re.search(r'<ul class="object-tools">(.*?)</ul>', html, re.S).group(1)
    assert f'href="/admin/events/event/{event.pk}/badges.pdf"' in tools
    assert f'href="/admin/events/event/{event.pk}/check-in-list.pdf"' in tools
    assert "Namensschilder (PDF)" in tools and "Einlassliste (PDF)" in tools


def test_printouts_follow_the_regional_scope(client):
    muensterland, saarland = factories.make_region(), factories.make_region()
    manager = factories.make_staff("muenster", REGIONAL_MANAGEMENT, [muensterland])
    client.force_login(manager)
    regional_client = client
    own = factories.make_event(region=muensterland)
    other = factories.make_event(region=saarland)

    assert regional_client.get(f"/admin/events/event/{own.pk}/badges.pdf").status_code == 200
    for url in ["badges.pdf", "check-in-list.pdf", "participants.csv"]:
        assert regional_client.get(f"/admin/events/event/{other.pk}/{url}").status_code == 404


def test_printouts_are_for_staff_only(client, event):
    for url in ["badges.pdf", "check-in-list.pdf"]:
        response = client.get(f"/admin/events/event/{event.pk}/{url}")
        assert response.status_code == 302


def test_names_sort_as_a_reader_expects():
    names = ["Zoë", "Ärzte", "arzt", "Bernd", "Österreich", "Otto"]
    assert sorted(names, key=sort_key) == ["arzt", "Ärzte", "Bernd", "Österreich", "Otto", "Zoë"]
