import datetime as dt

import pytest
from django.utils import timezone

from partnering.models import Post
from tests import factories
from tests.factories import make_post
from tests.helpers import assert_constant_queries, count_queries

BOARD = "/kooperationsboerse/"


def titles(client, query=""):
    response = client.get(f"{BOARD}?{query}")
    assert response.status_code == 200
    return {post.title for post in response.context["page_obj"]}


@pytest.fixture
def board(poster, world):
    koeln = factories.make_organisation(name="Köln GmbH", region=world["koeln"])
    saxony = factories.make_organisation(name="Dresden GmbH", region=world["saxony"])
    return {
        "sensor": make_post(
            poster,
            title="Sensorpflaster für Vitaldaten",
            description="Wir bieten Pflaster, die Herzfrequenzen messen.",
            innovation_fields=[world["tele"]],
            sectors=[world["medtech"]],
        ),
        "orthesis": make_post(
            koeln,
            kind=Post.Kind.BUSINESS_REQUEST,
            title="Zulieferer für Orthesen gesucht",
            description="Gesucht wird die Fertigung von Orthesen im 3D-Druck.",
            innovation_fields=[world["ortho"]],
            published_at=timezone.now() - dt.timedelta(days=45),
        ),
        "staff": make_post(
            saxony,
            kind=Post.Kind.SKILLED_STAFF,
            title="Austausch von Pflegekräften",
            description="Kooperation in der Ausbildung.",
            sectors=[world["it"]],
            target_regions=[world["koeln"]],
        ),
    }


def test_board_lists_published_posts_newest_first(client, board):
    response = client.get(BOARD)
    assert [post.title for post in response.context["page_obj"]][-1] == (
        "Zulieferer für Orthesen gesucht"
    )
    assert "Kooperationsbörse" in response.content.decode()


def test_filter_by_kind(client, board):
    assert titles(client, "kind=business_request") == {"Zulieferer für Orthesen gesucht"}


def test_filter_by_innovation_field_and_sector(client, board):
    assert titles(client, "field=telemedizin") == {"Sensorpflaster für Vitaldaten"}
    assert titles(client, "sector=gesundheits-it") == {"Austausch von Pflegekräften"}


def test_filter_by_region_includes_sub_regions_and_target_regions(client, board):
    assert titles(client, "region=aachen") == {"Sensorpflaster für Vitaldaten"}
    assert titles(client, "region=koeln-bonn") == {
        "Zulieferer für Orthesen gesucht",
        "Austausch von Pflegekräften",  # aimed at Köln-Bonn from Saxony
    }
    assert titles(client, "region=nrw") == {
        "Sensorpflaster für Vitaldaten",
        "Zulieferer für Orthesen gesucht",
        "Austausch von Pflegekräften",
    }


def test_filter_new_in_the_last_30_days(client, board):
    assert titles(client, "new=on") == {
        "Sensorpflaster für Vitaldaten",
        "Austausch von Pflegekräften",
    }


def test_search_finds_german_word_forms(client, board):
    # "Orthese" finds "Orthesen", "Pflegekraft" finds "Pflegekräften" (German stemming).
    assert titles(client, "q=Orthese") == {"Zulieferer für Orthesen gesucht"}
    assert titles(client, "q=herzfrequenz") == {"Sensorpflaster für Vitaldaten"}


def test_search_tolerates_a_typo_in_the_title(client, board):
    assert titles(client, "q=Sensorplaster") == {"Sensorpflaster für Vitaldaten"}


def test_search_and_filters_combine(client, board):
    assert titles(client, "q=Orthesen&kind=technology_offer") == set()


def test_an_unknown_filter_value_is_explained_not_an_error(client, board):
    response = client.get(f"{BOARD}?field=gibt-es-nicht&page=x&new=vielleicht")
    assert response.status_code == 200
    assert response.context["filter"].errors["field"]
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()


def test_unknown_post_is_not_found(client, db):
    assert client.get(f"{BOARD}999999/").status_code == 404


def test_board_runs_a_constant_number_of_queries(client, poster, world):
    def add_rows(n):
        for _ in range(n):
            make_post(poster, innovation_fields=[world["tele"], world["aal"]])

    assert_constant_queries(client, BOARD, add_rows)


def test_board_paginates_with_filters_kept(client, poster):
    for _ in range(25):
        make_post(poster, kind=Post.Kind.TECHNOLOGY_REQUEST)
    first = client.get(f"{BOARD}?kind=technology_request")
    assert len(first.context["page_obj"]) == 20
    assert "kind=technology_request&amp;page=2" in first.content.decode()
    second = client.get(f"{BOARD}?kind=technology_request&page=2")
    assert len(second.context["page_obj"]) == 5


def test_post_page_runs_a_constant_number_of_queries(client, poster, world):
    post = make_post(poster, kind=Post.Kind.TECHNOLOGY_REQUEST, innovation_fields=[world["tele"]])

    def add_rows(n):
        for _ in range(n):
            organisation = factories.make_organisation(region=world["koeln"])
            organisation.innovation_fields.set([world["tele"]])
            make_post(
                organisation, kind=Post.Kind.TECHNOLOGY_OFFER, innovation_fields=[world["tele"]]
            )

    assert_constant_queries(client, post.get_absolute_url(), add_rows)


def test_board_pages_in_english(client, board):
    response = client.get("/en/partnering/?kind=skilled_staff")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Partnering board" in html
    assert "Skilled-staff cooperation" in html


def test_board_is_served_from_its_fragment_until_a_post_is_published(client, poster, world):
    make_post(poster, kind=Post.Kind.TECHNOLOGY_OFFER, title="Sensorplattform für die Pflege")
    cold, _ = count_queries(client, "/kooperationsboerse/")
    warm, response = count_queries(client, "/kooperationsboerse/")

    make_post(poster, kind=Post.Kind.TECHNOLOGY_REQUEST, title="Partner für Exoskelette gesucht")

    assert warm < cold
    assert "Sensorplattform für die Pflege" in response.text
    assert "Partner für Exoskelette gesucht" in client.get("/kooperationsboerse/").text
