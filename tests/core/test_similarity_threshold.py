"""The one similarity threshold of every search, set for the search's transaction alone
(SET LOCAL), so that it survives a connection pooler: no session setting is left behind, and a
fresh connection searches with it all the same. These tests commit for real."""

import pytest
from django.db import connection

from core import lexicon
from core import search as site_search
from members.models import Organisation
from members.search import search
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def session_threshold() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        return cursor.fetchone()[0]


@pytest.fixture
def implants():
    # "Implnatate" is about 0.47 similar to "Implantate": found with the portal's threshold
    # (0.45), not with pg_trgm's default of 0.6.
    factories.make_organisation(name="Implantate Nord GmbH")
    factories.make_organisation(name="Klinik am See")


def test_the_directory_finds_a_misspelt_name_and_leaves_no_session_setting(client, implants):
    default = session_threshold()
    page = client.get("/mitglieder/", {"q": "Implnatate"})
    assert [o.name for o in page.context["page_obj"]] == ["Implantate Nord GmbH"]
    assert session_threshold() == default == "0.6"


def test_a_search_queryset_sets_the_threshold_wherever_it_is_evaluated(implants):
    found = search(Organisation.objects.members(), "Implnatate")
    assert [o.name for o in found] == ["Implantate Nord GmbH"]
    assert found.count() == 1
    assert session_threshold() == "0.6"


def test_the_site_search_finds_a_misspelt_name_with_the_same_threshold(client, implants):
    page = client.get("/suche/", {"q": "Implnatate"}).content.decode()
    assert "Implantate Nord GmbH" in page
    assert session_threshold() == "0.6"


def test_the_admin_search_finds_a_misspelt_name(admin_client, implants):
    page = admin_client.get("/admin/members/organisation/", {"q": "Implnatate"}).content.decode()
    assert "Implantate Nord GmbH" in page
    assert "Klinik am See" not in page
    assert session_threshold() == "0.6"


def test_local_settings_are_refused_outside_a_transaction():
    with pytest.raises(RuntimeError, match="transaction"):
        lexicon.correct("Implnatate", ["organisations"], local_settings={"x.y": "1"})
    with pytest.raises(RuntimeError, match="transaction"):
        site_search.use_similarity_threshold()
