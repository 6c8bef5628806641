"""The demo regions carry the bodies, contacts and figures the seed pages name."""

import pytest

from regions import demo
from regions.models import KeyFigure, Region

pytestmark = pytest.mark.django_db


def test_demo_regions_carry_their_bodies_and_contacts():
    demo.load()
    nrw = Region.objects.get(slug="nordrhein-westfalen")
    assert "LZG.NRW" in nrw.managing_body
    assert set(nrw.children.values_list("name", flat=True)) == {
        "Aachen",
        "Köln-Bonn",
        "Ostwestfalen-Lippe",
        "Südwestfalen",
        "Münsterland",
        "Metropole Ruhr",
    }
    saarland = Region.objects.get(slug="saarland")
    assert saarland.managing_body.startswith("saar.is")
    contacts = list(saarland.contacts.filter(is_public=True))
    assert [(c.name, c.phone, c.fax, c.email) for c in contacts] == [
        ("Dr. Thomas Siemer", "0681 9520-459", "0681 5846125", "thomas.siemer@saar-is.de"),
        ("Patrick Rosar", "0681 9520-451", "0681 5846125", "patrick.rosar@saar-is.de"),
    ]
    mitteldeutschland = Region.objects.get(slug="mitteldeutschland")
    assert "GWMD" in mitteldeutschland.managing_body
    assert mitteldeutschland.states == ["SN", "ST", "TH"]


def test_demo_regions_all_have_a_description_and_a_place_on_the_map():
    demo.load()
    for region in Region.objects.all():
        assert region.description, region
        assert region.latitude is not None and region.longitude is not None, region
        region.full_clean()


def test_demo_figures_name_year_and_source_and_load_once():
    demo.load()
    demo.load()
    saarland = KeyFigure.objects.filter(region__slug="saarland")
    assert saarland.filter(value=8500, qualifier=KeyFigure.Qualifier.OVER, year=2017).exists()
    assert saarland.filter(value=400, qualifier=KeyFigure.Qualifier.ABOUT).exists()
    assert not KeyFigure.objects.filter(source="").exists()
    assert KeyFigure.objects.count() == sum(len(figures) for figures in demo.FIGURES.values())
