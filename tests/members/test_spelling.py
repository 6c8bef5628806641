"""Misspelt words in the directory search find what the right word finds (issue 20)."""

import io

import pytest
from django.core.cache import caches
from django.core.management import call_command

from core.models import SearchWord
from members.models import MembershipApplication
from members.search import spelling
from members.services import application_approve
from tests import factories
from tests.helpers import assert_constant_queries, count_queries
from tests.members.test_application import form_data

pytestmark = pytest.mark.django_db

LIST = "/mitglieder/"
CORRECTION = '<p class="search-correction">'


@pytest.fixture
def demo():
    call_command("load_demo", "--no-admin", stdout=io.StringIO())


def found(client, text: str, url: str = LIST) -> set[str]:
    response = client.get(url, {"q": text})
    assert response.status_code == 200
    return {each.name for each in response.context["page_obj"].paginator.object_list}


def correction_note(client, text: str, url: str = LIST) -> str | None:
    html = client.get(url, {"q": text}).content.decode()
    if CORRECTION not in html:
        return None
    return html.split(CORRECTION, 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize(
    ("misspelt", "right"), [("Medizintechnick", "Medizintechnik"), ("Telemedizn", "Telemedizin")]
)
def test_a_misspelt_word_finds_the_same_members_as_the_right_one_in_the_demo_data(
    client, demo, misspelt, right
):
    expected = found(client, right)

    assert len(expected) > 2
    assert found(client, misspelt) == expected


def test_a_misspelt_word_of_a_description_finds_that_member(client):
    factories.make_organisation(
        name="Alpha Dienste GmbH", description="Wir entwickeln Exoskelette für die Pflege."
    )
    factories.make_organisation(name="Beta Software GmbH", description="Wir schreiben Programme.")

    assert found(client, "Exoskelete") == {"Alpha Dienste GmbH"}
    assert found(client, "Exoskelete Pflege") == {"Alpha Dienste GmbH"}


def test_a_misspelt_innovation_field_finds_the_members_of_that_field(client):
    field = factories.make_innovation_field(name="Ambient Assisted Living", slug="aal")
    for name in ["Wohnen im Alter GmbH", "Sensorhaus AG"]:
        factories.make_organisation(name=name).innovation_fields.add(field)
    factories.make_organisation(name="Anderes GmbH")

    assert found(client, "Asisted Livng") == {"Wohnen im Alter GmbH", "Sensorhaus AG"}
    assert found(client, "Ambiant") == {"Wohnen im Alter GmbH", "Sensorhaus AG"}


def test_correctly_spelt_searches_are_not_corrected_and_find_what_they_found(client, demo):
    # Every word that occurs in a member's searchable texts, and inflections found by stem.
    for word in SearchWord.objects.filter(kind="organisations").values_list("word", flat=True):
        assert not spelling(word).changed, word
    for text in ["Kliniken", "Krankenhaus", "Uniklinik Aachen", "Fraunhofer"]:
        assert not spelling(text).changed, text
    assert correction_note(client, "Medizintechnik") is None
    assert correction_note(client, "Telemedizin Aachen") is None


def test_an_unknown_word_the_lexicon_has_not_seen_yet_still_finds_itself(client):
    factories.make_organisation(name="Alpha GmbH", description="Wir bauen Exoskelette.")
    SearchWord.objects.all().delete()  # as if saved without signals, before the next rebuild
    factories.make_organisation(name="Beta GmbH", description="Wir bauen Exoskelete.")

    # "Exoskelette" is missing from the lexicon, so it is corrected to Beta's "Exoskelete";
    # the word as typed is searched as well and still finds Alpha by its vector.
    assert found(client, "Exoskelette") == {"Alpha GmbH", "Beta GmbH"}


@pytest.mark.parametrize(
    "text",
    [
        "qwertzuiop",
        "xyzzy",
        "Mdzntchnk",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "медицина",
        "🙂🙂🙂",
        "'\"<script>",
        "!!! & | :* -",
        "a" * 5000,
        "Klinik\x00",
        "ŉŉŉŉŉŉ ǅǅǅǅ",
    ],
)
def test_nonsense_finds_nothing_and_never_fails(client, text):
    factories.make_organisation(name="Alpha GmbH", description="Medizintechnik für Kliniken.")

    response = client.get(LIST, {"q": text})

    assert response.status_code == 200
    assert CORRECTION not in response.content.decode()
    if text != "Klinik\x00":
        assert not response.context["page_obj"].paginator.count


def test_a_newly_published_members_description_is_found_misspelt(client, privacy_notice):
    response = client.post(
        "/mitglieder/mitglied-werden/",
        form_data(name="Neue Werkstatt GmbH", description="Wir fertigen Exoskelette."),
    )
    assert response.status_code == 302
    application = MembershipApplication.objects.get()
    # An applicant is not listed, and its words are not offered as corrections either.
    assert found(client, "Exoskelete") == set()
    assert correction_note(client, "Exoskelete") is None

    application_approve(application=application)

    assert found(client, "Exoskelete") == {"Neue Werkstatt GmbH"}


def test_the_correction_is_shown_in_both_languages(client):
    factories.make_organisation(name="Alpha GmbH", description="Medizintechnik für Kliniken.")

    assert correction_note(client, "Medizintechnick") == "Ergebnisse für „Medizintechnik“."
    assert (
        correction_note(client, "Medizintechnick", url="/en/members/")
        == "Showing results for “Medizintechnik”."
    )


def test_a_misspelt_search_costs_no_more_queries_than_a_right_one(client, region):
    def add_rows(count):
        for _number in range(count):
            factories.make_organisation(region=region, description="Wir bauen Exoskelette.")

    misspelt = assert_constant_queries(client, f"{LIST}?q=Exoskelete", add_rows)
    caches["fragments"].clear()
    right, _response = count_queries(client, f"{LIST}?q=Exoskelette")
    assert misspelt == right
