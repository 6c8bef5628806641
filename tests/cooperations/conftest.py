import datetime as dt

import pytest

from cooperations.models import CooperationPartner
from members.models import Organisation
from tests import factories

Role = CooperationPartner.Role


@pytest.fixture
def creative_nrw(db):
    return factories.make_partner(
        name="CREATIVE.NRW",
        slug="creative-nrw",
        partner_category=Organisation.PartnerCategory.CLUSTER,
    )


@pytest.fixture
def ztg(db):
    """A member of the network that is a partner as well."""
    return factories.make_organisation(
        name="ZTG Zentrum für Telematik und Telemedizin GmbH",
        slug="ztg",
        is_partner=True,
        partner_category=Organisation.PartnerCategory.STATE_AGENCY,
    )


@pytest.fixture
def creative_health(creative_nrw):
    cooperation = factories.make_cooperation(
        title="CREATIVE.HEALTH I und II",
        slug="creative-health",
        kind="co_organised",
        started_on=dt.date(2014, 1, 1),
        ended_on=dt.date(2015, 12, 31),
        countries=["DE"],
        outcomes="Zwei Kongresse mit über 300 Gästen.",
    )
    factories.add_partner(cooperation, creative_nrw, Role.CO_ORGANISER)
    return cooperation


@pytest.fixture
def conhit_stand(ztg):
    cooperation = factories.make_cooperation(
        title="Landesgemeinschaftsstand conhIT",
        slug="conhit",
        kind="joint_stand",
        started_on=dt.date(2015, 1, 1),
        ended_on=None,
        countries=["DE"],
    )
    factories.add_partner(cooperation, ztg, Role.OPERATOR)
    return cooperation
