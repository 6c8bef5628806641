from decimal import Decimal

import pytest

from regions.models import FederalState, KeyFigure, Region
from tests import factories


@pytest.fixture
def nrw(db):
    return factories.make_region(
        name="Nordrhein-Westfalen",
        slug="nordrhein-westfalen",
        kind=Region.Kind.STATE,
        states=[FederalState.NORDRHEIN_WESTFALEN],
        managing_body="LZG.NRW",
        latitude=Decimal("51.478"),
        longitude=Decimal("7.555"),
    )


@pytest.fixture
def muensterland(nrw):
    return factories.make_region(
        name="Münsterland",
        slug="muensterland",
        parent=nrw,
        states=[FederalState.NORDRHEIN_WESTFALEN],
        latitude=Decimal("51.96"),
        longitude=Decimal("7.626"),
    )


@pytest.fixture
def mitteldeutschland(db):
    return factories.make_region(
        name="Mitteldeutschland",
        slug="mitteldeutschland",
        kind=Region.Kind.CROSS_STATE,
        states=[FederalState.SACHSEN, FederalState.SACHSEN_ANHALT, FederalState.THUERINGEN],
        managing_body="Gesundheitswirtschaft Mitteldeutschland (GWMD)",
        latitude=Decimal("51.3"),
        longitude=Decimal("12.0"),
    )


@pytest.fixture
def saarland(db):
    region = factories.make_region(
        name="Saarland",
        slug="saarland",
        kind=Region.Kind.STATE,
        states=[FederalState.SAARLAND],
        managing_body="saar.is saarland.innovation&standort e. V.",
        latitude=Decimal("49.38"),
        longitude=Decimal("6.95"),
    )
    region.contacts.create(
        name="Dr. Thomas Siemer",
        role="healthcare.saarland",
        phone="0681 9520-459",
        fax="0681 5846125",
        email="thomas.siemer@saar-is.de",
        is_public=True,
    )
    KeyFigure.objects.create(
        region=region,
        label="Arbeitsplätze in der Medizintechnik",
        value=Decimal("8500"),
        qualifier=KeyFigure.Qualifier.OVER,
        year=2017,
        source="healthcare.saarland / saar.is",
    )
    return region
