"""The region hierarchy and key figures stay consistent in the database and in forms."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from regions.models import FederalState, KeyFigure, Region
from tests import factories

pytestmark = pytest.mark.django_db


def test_database_refuses_a_region_as_its_own_parent(muensterland):
    with transaction.atomic(), pytest.raises(IntegrityError):
        Region.objects.filter(pk=muensterland.pk).update(parent=muensterland)


def test_database_refuses_a_state_inside_its_own_sub_region(nrw, muensterland):
    with transaction.atomic(), pytest.raises(IntegrityError, match="cannot lie inside itself"):
        Region.objects.filter(pk=nrw.pk).update(parent=muensterland)


def test_database_refuses_a_loop_over_three_levels(nrw, muensterland):
    district = factories.make_region(parent=muensterland, states=["NW"])
    nrw.parent = district
    with transaction.atomic(), pytest.raises(IntegrityError):
        nrw.save()
    nrw.refresh_from_db()
    assert nrw.parent is None


def test_database_allows_moving_a_region_to_another_parent(nrw, muensterland, mitteldeutschland):
    muensterland.parent = mitteldeutschland
    muensterland.save()
    muensterland.parent = nrw
    muensterland.save()
    assert Region.objects.get(pk=muensterland.pk).parent == nrw


def test_clean_explains_that_a_region_cannot_lie_inside_its_sub_region(nrw, muensterland):
    nrw.parent = muensterland
    with pytest.raises(ValidationError) as error:
        nrw.full_clean()
    assert "parent" in error.value.message_dict


def test_clean_explains_that_a_region_cannot_be_its_own_parent(muensterland):
    muensterland.parent = muensterland
    with pytest.raises(ValidationError) as error:
        muensterland.full_clean()
    assert "parent" in error.value.message_dict


def test_clean_accepts_a_consistent_region(muensterland):
    muensterland.full_clean()


def test_database_refuses_a_second_region_with_the_same_slug(muensterland):
    with transaction.atomic(), pytest.raises(IntegrityError):
        factories.make_region(slug="muensterland")


def test_database_refuses_a_half_coordinate(db):
    with transaction.atomic(), pytest.raises(IntegrityError):
        factories.make_region(latitude=Decimal("51.0"), longitude=None)


def test_clean_asks_for_both_coordinates(db):
    region = Region(name="Halb", slug="halb", kind=Region.Kind.HEALTH_REGION, latitude=51)
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "longitude" in error.value.message_dict


def test_database_refuses_a_cross_state_region_in_one_state(db):
    with transaction.atomic(), pytest.raises(IntegrityError):
        factories.make_region(kind=Region.Kind.CROSS_STATE, states=[FederalState.SACHSEN])


def test_database_refuses_a_federal_state_region_in_two_states(db):
    with transaction.atomic(), pytest.raises(IntegrityError):
        factories.make_region(kind=Region.Kind.STATE, states=["SN", "TH"])


def test_clean_explains_the_states_of_a_cross_state_region(db):
    region = Region(name="Ost", slug="ost", kind=Region.Kind.CROSS_STATE, states=["SN"])
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "states" in error.value.message_dict


def test_database_refuses_a_contact_without_a_name(saarland):
    with transaction.atomic(), pytest.raises(IntegrityError):
        saarland.contacts.create(name="", is_public=True, email="info@example.org")


def test_database_refuses_a_key_figure_without_source(saarland):
    with transaction.atomic(), pytest.raises(IntegrityError):
        KeyFigure.objects.create(region=saarland, label="Firmen", value=400, year=2017, source="")


def test_database_refuses_a_key_figure_without_year(saarland):
    with transaction.atomic(), pytest.raises(IntegrityError):
        KeyFigure.objects.create(region=saarland, label="Firmen", value=400, source="saar.is")


def test_database_refuses_an_implausible_year(saarland):
    with transaction.atomic(), pytest.raises(IntegrityError):
        KeyFigure.objects.create(
            region=saarland, label="Firmen", value=400, year=17, source="saar.is"
        )


def test_database_refuses_an_unknown_qualifier(saarland):
    with transaction.atomic(), pytest.raises(DatabaseError):
        KeyFigure.objects.create(
            region=saarland, label="Firmen", value=400, year=2017, source="s", qualifier="rund"
        )


def test_clean_asks_for_the_source_of_a_figure(saarland):
    figure = KeyFigure(region=saarland, label="Firmen", value=400, year=2017, source="  ")
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert "source" in error.value.message_dict
