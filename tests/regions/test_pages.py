"""What visitors see on the region list and on a region's page, in German and English."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Organisation
from tests import factories
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def regions_by_state(html: str) -> dict[str, list[str]]:
    """The list page's groups: state heading -> names of the regions linked below it."""
    groups = {}
    for block in html.split('<h3 id="state-')[1:]:
        state = re.search(r">([^<]+)</h3>", block).group(1)
        block = block.split("</section>")[0]
        groups[state] = re.findall(r'<a class="fw-semibold" href="[^"]+">([^<]+)</a>', block)
    return groups


def test_region_list_groups_regions_by_federal_state(
    client, nrw, muensterland, mitteldeutschland, saarland
):
    response = client.get("/regionen/")
    groups = regions_by_state(response.content.decode())
    assert groups["Nordrhein-Westfalen"] == ["Nordrhein-Westfalen", "Münsterland"]
    assert groups["Saarland"] == ["Saarland"]
    assert groups["Länderübergreifend"] == ["Mitteldeutschland"]
    assert "Bayern" not in groups


def test_region_list_shows_a_cross_state_region_once_under_its_own_heading(
    client, nrw, mitteldeutschland
):
    factories.make_region(name="Leipzig", states=["SN"], parent=mitteldeutschland)
    html = client.get("/regionen/").content.decode()
    groups = regions_by_state(html)
    assert list(groups) == ["Nordrhein-Westfalen", "Sachsen", "Länderübergreifend"]
    assert groups["Sachsen"] == ["Leipzig"]
    assert html.count(">Mitteldeutschland</a>") == 1
    assert "Erstreckt sich über Sachsen, Sachsen-Anhalt, Thüringen" in html
    english = regions_by_state(client.get("/en/regions/").content.decode())
    assert english["Across states"] == ["Mitteldeutschland"]


def test_region_list_shows_regions_without_federal_state_last(client, nrw):
    factories.make_region(name="Grenzregion", states=[])
    groups = regions_by_state(client.get("/regionen/").content.decode())
    assert list(groups) == ["Nordrhein-Westfalen", "Weitere Regionen"]
    assert groups["Weitere Regionen"] == ["Grenzregion"]


def test_region_list_speaks_german_without_prefix(client, mitteldeutschland):
    response = client.get("/regionen/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Regionen</h1>" in content
    assert "Länderübergreifende Region" in content
    assert "Erstreckt sich über Sachsen, Sachsen-Anhalt, Thüringen" in content


def test_region_list_speaks_english_under_en(client, mitteldeutschland):
    response = client.get("/en/regions/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>Regions</h1>" in content
    assert "Spans Sachsen, Sachsen-Anhalt, Thüringen" in content
    assert 'href="/en/regions/mitteldeutschland/"' in content


def test_region_page_shows_description_body_website_and_kind(client, nrw):
    nrw.description = "Das Cluster hat sechs Regionen.\n\nEs sitzt in Bochum."
    nrw.website = "https://www.lzg.nrw.de"
    nrw.save()
    response = client.get("/regionen/nordrhein-westfalen/")
    content = response.content.decode()
    assert "<h1>Nordrhein-Westfalen</h1>" in content
    assert "<p>Es sitzt in Bochum.</p>" in content
    assert "Trägerorganisation" in content and "LZG.NRW" in content
    assert 'href="https://www.lzg.nrw.de"' in content
    assert "Bundesland" in content


def test_region_page_in_english(client, saarland):
    response = client.get("/en/regions/saarland/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Key figures" in content
    assert "Managing body" in content
    assert 'lang="en"' in content


def test_key_figures_show_qualifier_value_year_and_source_per_language(client, saarland):
    german = client.get("/regionen/saarland/").content.decode()
    assert "über</span> 8.500" in german
    assert "Arbeitsplätze in der Medizintechnik" in german
    assert "Stand 2017, Quelle: healthcare.saarland / saar.is" in german
    english = client.get("/en/regions/saarland/").content.decode()
    assert "over</span> 8,500" in english
    assert "As of 2017, source: healthcare.saarland / saar.is" in english


def test_unknown_region_answers_404_in_both_languages(client, nrw):
    assert client.get("/regionen/atlantis/").status_code == 404
    assert client.get("/en/regions/atlantis/").status_code == 404


def test_public_contact_is_shown(client, saarland):
    content = client.get("/regionen/saarland/").content.decode()
    assert "Dr. Thomas Siemer" in content
    assert 'href="mailto:thomas.siemer@saar-is.de"' in content
    assert 'href="tel:06819520-459"' in content


def test_contact_is_hidden_unless_the_person_agreed(client, saarland):
    saarland.contacts.update(is_public=False)
    content = client.get("/regionen/saarland/").content.decode()
    assert "Dr. Thomas Siemer" not in content
    assert "thomas.siemer@saar-is.de" not in content
    assert "0681 9520-459" not in content


def test_state_page_lists_members_of_its_sub_regions(client, nrw, muensterland):
    factories.make_organisation(name="Münster Medizintechnik GmbH", region=muensterland)
    factories.make_organisation(name="Bochum Klinik gGmbH", region=nrw)
    factories.make_organisation(
        name="Antragsteller GmbH", region=muensterland, status=Organisation.Status.APPLICANT
    )
    factories.make_organisation(
        name="Ehemalige AG", region=muensterland, status=Organisation.Status.FORMER_MEMBER
    )
    content = client.get("/regionen/nordrhein-westfalen/").content.decode()
    assert "Münster Medizintechnik GmbH" in content
    assert "Bochum Klinik gGmbH" in content
    assert "Antragsteller GmbH" not in content
    assert "Ehemalige AG" not in content
    assert "Alle 2 Mitglieder dieser Region im Mitgliederverzeichnis" in content


def test_region_page_shows_a_first_selection_and_counts_all_members(client, muensterland):
    for index in range(15):
        factories.make_organisation(name=f"Mitglied {index:02d}", region=muensterland)
    content = client.get("/regionen/muensterland/").content.decode()
    assert content.count('<article class="card h-100">') == 12
    assert "Alle 15 Mitglieder dieser Region im Mitgliederverzeichnis" in content


def test_sub_region_page_leaves_out_members_of_the_parent(client, nrw, muensterland):
    factories.make_organisation(name="Bochum Klinik gGmbH", region=nrw)
    content = client.get("/regionen/muensterland/").content.decode()
    assert "Bochum Klinik gGmbH" not in content
    assert "In dieser Region gibt es noch keine Mitglieder." in content


def test_region_page_links_to_the_member_directory_filtered_by_region(client, nrw, muensterland):
    factories.make_organisation(region=muensterland)
    german = client.get("/regionen/nordrhein-westfalen/").content.decode()
    assert 'href="/mitglieder/?region=nordrhein-westfalen"' in german
    english = client.get("/en/regions/nordrhein-westfalen/").content.decode()
    assert 'href="/en/members/?region=nordrhein-westfalen"' in english


def test_region_page_lists_upcoming_events_of_region_and_sub_regions(client, nrw, muensterland):
    factories.make_event(title="Netzwerktreffen Münster", region=muensterland)
    factories.make_event(title="Landeskongress Bochum", region=nrw)
    factories.make_event(title="Entwurf ohne Freigabe", region=nrw, is_published=False)
    factories.make_past_event(title="Symposium von gestern", region=muensterland)
    content = client.get("/regionen/nordrhein-westfalen/").content.decode()
    assert "Netzwerktreffen Münster" in content
    assert "Landeskongress Bochum" in content
    assert "Entwurf ohne Freigabe" not in content
    assert "Symposium von gestern" not in content


def test_state_page_lists_its_sub_regions(client, nrw, muensterland):
    content = client.get("/regionen/nordrhein-westfalen/").content.decode()
    assert "Regionen darin" in content
    assert 'href="/regionen/muensterland/"' in content


def test_sub_region_page_links_its_parent_and_shows_breadcrumbs(client, nrw, muensterland):
    content = client.get("/regionen/muensterland/").content.decode()
    breadcrumbs = content.split('<ol class="breadcrumb">')[1].split("</ol>")[0]
    links = re.findall(r'href="([^"]+)"', breadcrumbs)
    assert links == ["/", "/regionen/", "/regionen/nordrhein-westfalen/"]
    assert 'aria-current="page">Münsterland</li>' in breadcrumbs
    assert "Gehört zu" in content
    # The state's managing body serves its regions, too.
    assert "LZG.NRW (für ganz Nordrhein-Westfalen)" in content


def test_region_list_query_count_does_not_grow_with_regions(client, nrw):
    def add_regions(count):
        for _ in range(count):
            factories.make_region(parent=nrw, states=["NW"], latitude=51, longitude=7)

    assert_constant_queries(client, "/regionen/", add_regions)


def test_region_page_query_count_does_not_grow_with_members_and_events(client, nrw, muensterland):
    factories.make_region(parent=muensterland, states=["NW"])

    def add_members_and_events(count):
        for index in range(count):
            region = nrw if index % 2 else muensterland
            factories.make_organisation(region=region)
            factories.make_event(region=region)

    assert_constant_queries(client, "/regionen/nordrhein-westfalen/", add_members_and_events)


def test_region_page_query_count_does_not_grow_with_figures(client, saarland):
    def add_figures(count):
        start = saarland.figures.count()
        for index in range(count):
            saarland.figures.create(
                label=f"Kennzahl {start + index}", value=index, year=2020, source="saar.is"
            )

    assert_constant_queries(client, "/regionen/saarland/", add_figures)


def test_english_page_shows_the_english_texts_where_written(client, saarland):
    saarland.summary = "Das Netzwerk im Saarland."
    saarland.summary_en = "The network in Saarland."
    saarland.save()
    saarland.figures.update(label_en="Jobs in medical technology")
    english = client.get("/en/regions/saarland/").content.decode()
    assert '<p class="lead">The network in Saarland.</p>' in english
    assert '<p class="mb-1">Jobs in medical technology</p>' in english
    assert "This text is available in German only." not in english
    german = client.get("/regionen/saarland/").content.decode()
    assert '<p class="lead">Das Netzwerk im Saarland.</p>' in german
    assert "Jobs in medical technology" not in german


def test_english_page_marks_german_texts_as_german_where_no_translation_exists(client, nrw):
    nrw.description = "Das Cluster hat sechs Regionen."
    nrw.save()
    english = client.get("/en/regions/nordrhein-westfalen/").content.decode()
    assert '<div lang="de"><p>Das Cluster hat sechs Regionen.</p></div>' in english
    assert "This text is available in German only." in english


def test_region_page_is_served_from_its_fragment_until_a_member_joins(client, nrw, muensterland):
    factories.make_organisation(name="Münster Medizintechnik GmbH", region=muensterland)
    factories.make_event(region=muensterland, title="Netzwerktreffen Münster")
    client.get("/regionen/nordrhein-westfalen/")

    with CaptureQueriesContext(connection) as warm:
        content = client.get("/regionen/nordrhein-westfalen/").content.decode()
    factories.make_organisation(name="Bochum Klinik gGmbH", region=nrw)
    after_join = client.get("/regionen/nordrhein-westfalen/").content.decode()

    assert "Netzwerktreffen Münster" in content
    # The region, the content versions and the events' places left (live), nothing more.
    assert len(warm.captured_queries) <= 3
    assert "Bochum Klinik gGmbH" in after_join
    assert "Alle 2 Mitglieder dieser Region im Mitgliederverzeichnis" in after_join


def test_region_page_cold_stays_within_twelve_queries(client, nrw, muensterland):
    factories.make_organisation(region=muensterland)
    factories.make_event(region=muensterland)

    with CaptureQueriesContext(connection) as cold:
        client.get("/regionen/muensterland/")

    assert len(cold.captured_queries) <= 12
