"""Who runs the network: the about page with the bodies behind each region and every contact
person with phone, fax and e-mail; each region page lists all of its contacts."""

import pytest
from django.core.management import call_command

from regions.models import RegionBody
from tests import factories
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def test_region_page_lists_all_its_public_contacts_with_fax(client, saarland):
    saarland.contacts.create(
        name="Patrick Rosar",
        role="Innovationen",
        phone="0681 9520-451",
        fax="0681 5846125",
        email="patrick.rosar@saar-is.de",
        is_public=True,
        position=1,
    )
    saarland.contacts.create(name="Nicht Öffentlich", email="n@example.org", is_public=False)
    html = client.get("/regionen/saarland/").text
    assert "Kontakte" in html
    assert html.index("Dr. Thomas Siemer") < html.index("Patrick Rosar")
    assert html.count("Fax: 0681 5846125") == 2
    assert 'href="mailto:patrick.rosar@saar-is.de"' in html
    assert "Nicht Öffentlich" not in html
    assert "Contacts" in client.get("/en/regions/saarland/").text


def test_about_page_names_the_bodies_and_contacts_of_each_region(client, saarland):
    saar_is = factories.make_organisation(name="saar.is saarland.innovation&standort e. V.")
    RegionBody.objects.create(
        region=saarland, name=saar_is.name, role="Leitung von healthcare.saarland",
        organisation=saar_is, position=0,
    )  # fmt: skip
    RegionBody.objects.create(
        region=saarland,
        name="Fraunhofer-Institut für Biomedizinische Technik (IBMT)",
        role="Begleitet healthcare.saarland",
        position=1,
    )
    response = client.get("/ueber-uns/")
    assert response.status_code == 200
    html = response.text
    assert "<h1>Über uns</h1>" in html
    assert f'href="{saar_is.get_absolute_url()}">saar.is' in html
    assert "Fraunhofer-Institut für Biomedizinische Technik (IBMT)" in html
    assert "Dr. Thomas Siemer" in html and "Fax: 0681 5846125" in html
    english = client.get("/en/about/")
    assert english.status_code == 200 and "<h1>About us</h1>" in english.text
    assert 'href="/ueber-uns/"' in client.get("/").text


def test_about_page_keeps_its_query_count(client, saarland):
    def add_rows(count):
        for number in range(count):
            region = factories.make_region()
            region.contacts.create(name=f"Kontakt {number}", email="k@example.org", is_public=True)
            RegionBody.objects.create(region=region, name=f"Träger {number}", role="Leitung")

    assert_constant_queries(client, "/ueber-uns/", add_rows, small=5, large=40)


def test_the_demo_names_every_contact_person_of_the_seeds(client, settings):
    call_command("load_demo", "--no-admin")
    html = client.get("/ueber-uns/").text
    for text in [
        "Landeszentrum Gesundheit Nordrhein-Westfalen (LZG.NRW)",
        "saar.is saarland.innovation&amp;standort e. V.",
        "Fraunhofer-Institut für Biomedizinische Technik (IBMT)",
        "Gesundheitswirtschaft Mitteldeutschland (GWMD)",
        "Robert Schwanitz",
        "Dr. Thomas Siemer",
        "Patrick Rosar",
        "0681 9520-459",
        "0681 9520-451",
        "Fax: 0681 5846125",
        "info@gesundheitswirtschaft-mitteldeutschland.de",
    ]:
        assert text in html, text
    saarland = client.get("/regionen/saarland/").text
    assert "Dr. Thomas Siemer" in saarland and "Patrick Rosar" in saarland
    assert saarland.count("Fax: 0681 5846125") == 2
