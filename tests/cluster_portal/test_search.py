import datetime as dt
import re

import pytest
from django.core.cache import caches
from django.utils import timezone, translation

from core.search import MAX_QUERY_LENGTH, clean_query, safe_headline
from members.models import Organisation
from tests import factories
from tests.factories import make_news
from tests.helpers import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german_by_default():
    with translation.override("de"):
        yield


def search(client, query, **params):
    response = client.get("/suche/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def section(html, key):
    """The HTML of one kind's group of results."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="results-{key}">(.*?)</section>', html, re.DOTALL
    )
    return match.group(1) if match else ""


def test_german_stemming_finds_the_singular_from_the_plural(client):
    factories.make_event(title="Kongress Digitale Gesundheit", slug="kongress-digital")
    html = search(client, "Kongresse")
    assert "Kongress Digitale Gesundheit" in section(html, "events")


def test_typo_in_a_name_still_finds_the_organisation(client):
    factories.make_organisation(name="Fraunhofer-Institut für Biomedizinische Technik")
    html = search(client, "Fraunhover")
    assert "Fraunhofer-Institut für Biomedizinische Technik" in section(html, "organisations")


def test_a_misspelt_word_finds_members_events_and_news_and_says_so(client, region):
    factories.make_organisation(
        name="Alpha GmbH", description="Wir entwickeln Exoskelette für die Pflege."
    )
    factories.make_event(title="Fachtag Exoskelette")
    make_news(title="Neue Exoskelette im Münsterland", regions=[region])

    html = search(client, "Exoskelete")

    assert "Alpha GmbH" in section(html, "organisations")
    assert "Fachtag Exoskelette" in section(html, "events")
    assert "Neue Exoskelette im Münsterland" in section(html, "news")
    assert '<p class="search-correction">Ergebnisse für „Exoskelette“.</p>' in html
    english = client.get("/en/search/", {"q": "Exoskelete"}).content.decode()
    assert '<p class="search-correction">Showing results for “Exoskelette”.</p>' in english


def test_a_word_spelt_right_gets_no_correction_note(client):
    factories.make_event(title="Fachtag Exoskelette")
    assert "search-correction" not in search(client, "Exoskelette")
    assert "search-correction" not in search(client, "qwertzuiop")


def test_search_finds_every_kind_grouped_with_counts(client, region):
    factories.make_organisation(name="Telemedizin Nord GmbH")
    factories.make_organisation(name="Telemedizin Süd GmbH")
    factories.make_event(title="Forum Telemedizin")
    factories.make_cooperation(title="Partnerschaft Telemedizin")
    factories.make_region(name="Telemedizinregion", slug="telemedizinregion")
    make_news(title="Telemedizin im Münsterland", regions=[region])
    html = search(client, "Telemedizin")
    assert "Telemedizin Nord GmbH" in section(html, "organisations")
    assert "Forum Telemedizin" in section(html, "events")
    assert "Partnerschaft Telemedizin" in section(html, "cooperations")
    assert "Telemedizinregion" in section(html, "regions")
    assert "Telemedizin im Münsterland" in section(html, "news")
    assert re.search(r'id="results-organisations">Mitglieder <span[^>]*>2</span>', html)
    assert "6 Treffer zu „Telemedizin“." in html


def test_search_leaves_out_non_members_unpublished_events_and_hidden_news(client):
    factories.make_organisation(name="Bewerber Telemedizin", status=Organisation.Status.APPLICANT)
    factories.make_event(title="Interne Telemedizin", is_published=False)
    make_news(title="Telemedizin Entwurf", is_draft=True)
    make_news(title="Telemedizin morgen", published_at=timezone.now() + dt.timedelta(days=1))
    html = search(client, "Telemedizin")
    for hidden in [
        "Bewerber Telemedizin",
        "Interne Telemedizin",
        "Telemedizin Entwurf",
        "Telemedizin morgen",
    ]:
        assert hidden not in html
    assert "Zu „Telemedizin“ wurde nichts gefunden." in html


def test_snippet_highlights_the_match(client):
    make_news(title="Rückblick", body="Die Fachleute sprachen lange über Robotik in der Pflege.")
    html = search(client, "Robotik")
    assert "<mark>Robotik</mark>" in section(html, "news")


def test_snippet_escapes_stored_html(client):
    make_news(
        title="Sicherheit",
        body="<script>alert(1)</script> Robotik <b>fett</b> bei Dosis < 5 mg & mehr",
    )
    news = section(search(client, "Robotik"), "news")
    assert "<script>" not in news
    assert "<b>" not in news
    assert "&lt; 5 mg &amp; mehr" in news
    assert "<mark>Robotik</mark>" in news


def test_search_finds_words_in_the_body_of_a_news_item(client):
    make_news(title="Messebericht", body="Auf der Fachmesse zeigten Aussteller neue Orthesen.")
    assert "Messebericht" in section(search(client, "Orthese"), "news")


def test_all_results_of_one_kind_are_listed_page_by_page(client):
    for number in range(25):
        factories.make_event(title=f"Workshop Robotik {number}")
    overview = search(client, "Robotik")
    assert "Alle 25 Treffer in Veranstaltungen zeigen" in overview
    first = search(client, "Robotik", kind="events")
    assert first.count('<li class="mb-3">') == 20
    assert "Seite 1 von 2" in first
    second = search(client, "Robotik", kind="events", page="2")
    assert second.count('<li class="mb-3">') == 5


def test_unknown_kind_falls_back_to_every_kind(client):
    factories.make_event(title="Robotik-Tag")
    html = search(client, "Robotik", kind="gibt-es-nicht")
    assert "Robotik-Tag" in section(html, "events")


def test_empty_query_gets_a_calm_prompt(client):
    html = search(client, "")
    assert "Wonach suchen Sie?" in html


@pytest.mark.parametrize("query", ["und der die das", "und", "-- -"])
def test_query_of_only_stop_words_gets_a_message_and_no_hits(client, query):
    factories.make_cooperation(title="Forschung und Entwicklung")
    html = search(client, query)
    assert "nur sehr häufige Wörter" in html
    assert "Forschung und Entwicklung" not in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "Tele\x00medizin",
        "\x00\x01\x02\x1b[31m",
        "'; DROP TABLE members_organisation; --",
        "' OR 1=1 --",
        '"unbalanced quote',
        "a & | ! ( ) :* <-> \\",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "%_%' UNION SELECT password FROM auth_user --",
        "-- -",
        "😀🏥",
        "\u202etxt.exe",
        "or",
        "   ",
    ],
)
def test_hostile_queries_are_answered_calmly(client, query):
    factories.make_event(title="Forum Telemedizin")
    response = client.get("/suche/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html


def test_search_query_is_shown_escaped(client):
    html = search(client, "<b>fett</b>")
    assert "&lt;b&gt;fett&lt;/b&gt;" in html
    assert "<b>fett</b>" not in html


def test_very_long_query_is_shortened_and_says_so(client):
    html = search(client, "Telemedizin " * 100)
    assert "die ersten 200 Zeichen" in html
    value = re.search(r'id="search-page-query" name="q" value="([^"]*)"', html).group(1)
    assert len(value) <= MAX_QUERY_LENGTH


def test_clean_query_removes_control_characters_and_collapses_space():
    assert clean_query("  Tele\x00medizin\t\n Aachen\x7f ") == ("Tele medizin Aachen", False)


def test_headline_turns_only_our_markers_into_mark_tags():
    raw = "<em>x</em> \x02Treffer\x03 &amp; \x02offen"
    assert str(safe_headline(raw)) == (
        "&lt;em&gt;x&lt;/em&gt; <mark>Treffer</mark> &amp;amp; <mark>offen</mark>"
    )


def test_stray_closing_marker_is_ignored():
    assert str(safe_headline("a\x03b")) == "ab"


def test_search_page_answers_in_english(client):
    factories.make_event(title="Forum Telemedizin")
    response = client.get("/en/search/", {"q": "Telemedizin"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result for “Telemedizin”." in html


def test_search_results_are_not_indexed(client):
    assert 'name="robots" content="noindex, follow"' in search(client, "Aachen")


@pytest.mark.parametrize("url", ["/", "/aktuelles/", "/regionen/", "/en/events/"])
def test_every_page_has_a_labelled_search_box_in_the_header(client, url):
    html = client.get(url).content.decode()
    assert 'role="search"' in html
    assert '<label class="visually-hidden" for="header-search">' in html
    assert 'id="header-search" name="q"' in html


def test_search_query_count_does_not_grow_with_hits(client):
    def add(count):
        for _ in range(count):
            factories.make_event(title="Forum Robotik")
            make_news(title="Robotik heute")

    assert_constant_queries(client, "/suche/?q=Robotik", add)


def test_a_misspelt_search_costs_as_many_queries_as_a_right_one(client):
    factories.make_event(title="Forum Robotik")
    make_news(title="Robotik heute")
    client.get("/suche/?q=Robotik")  # caches filled once per process
    caches["fragments"].clear()  # both searches are run, not served from the cache

    right, _response = count_queries(client, "/suche/?q=Robotik")
    misspelt, response = count_queries(client, "/suche/?q=Robotk")

    assert "Forum Robotik" in response.content.decode()
    assert misspelt == right


def test_german_page_shows_snippets_from_the_german_text_only(client):
    make_news(
        title_de="Robotik in der Pflege",
        title_en="Robotics in care",
        teaser_de="Robotik entlastet Pflegekräfte.",
        teaser_en="Robotics relieves nurses.",
        body_de="Die Robotik hilft beim Heben.",
        body_en="Robotics helps with lifting.",
    )
    news = section(search(client, "Robotik"), "news")
    assert "Pflegekräfte" in news
    assert "relieves" not in news and "lifting" not in news
    assert 'lang="' not in news


def test_english_page_marks_a_german_only_snippet_as_german(client):
    make_news(title_de="Robotik im Krankenhaus", teaser_de="Robotik entlastet Pflegekräfte.")
    make_news(title_de="Robotik", title_en="Robotics", teaser_en="Robotik relieves nurses.")
    with translation.override("en"):
        html = client.get("/en/search/", {"q": "Robotik"}).content.decode()
    news = section(html, "news")
    assert re.search(r'<p class="mb-0 search-snippet" lang="de">[^<]*<mark>Robotik', news)
    assert re.search(r'<p class="mb-0 search-snippet"><mark>Robotik</mark> relieves', news)
    assert "Pflegekräfte" in news


def test_english_page_marks_a_german_only_title_as_german(client):
    make_news(title_de="Robotik im Krankenhaus", teaser_de="Robotik entlastet Pflegekräfte.")
    with translation.override("en"):
        html = client.get("/en/search/", {"q": "Robotik"}).content.decode()
    assert re.search(r'<a href="[^"]+" lang="de">Robotik im Krankenhaus</a>', section(html, "news"))


def test_a_kind_shows_its_five_best_hits_and_counts_every_match(client):
    for number in range(7):
        factories.make_event(title=f"Robotik-Werkstatt {number}")

    events = section(search(client, "Robotik"), "events")

    assert events.count("Robotik-Werkstatt") == 5
    assert '<span class="badge text-bg-secondary">7</span>' in events
    assert "Alle 7 Treffer in Veranstaltungen zeigen" in events


def test_the_search_reads_each_kind_once_for_its_hits_and_their_count(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    factories.make_organisation(name="Robotik Nord GmbH")
    factories.make_event(title="Forum Robotik")
    make_news(title="Robotik heute")

    with CaptureQueriesContext(connection) as queries:
        search(client, "Robotik")

    reads_of_events = [q["sql"] for q in queries if 'FROM "events_event"' in q["sql"]]
    assert len(reads_of_events) == 1
    assert len(queries) <= 12


def test_event_search_conditions_use_the_trigram_and_full_text_indexes():
    # Both halves of the condition must be index conditions, or every search compares every
    # published event's title. A test table is too small for PostgreSQL to prefer an index by
    # itself (and the GIN indexes hold pending entries of earlier tests' rolled-back rows,
    # which make them look dear), so the test forbids a sequential scan and makes operators
    # dear, as word_similarity really is: the plan then shows whether both halves are
    # indexable. That migrate declares word_similarity's real cost, which takes the planner
    # there on real tables, is tests/core/test_trigram_costs.py.
    from django.db import connection

    from core import search as site_search
    from events.models import Event

    Event.objects.bulk_create(
        Event(
            title=f"Sprechstunde {number}",
            title_de=f"Sprechstunde {number}",
            slug=f"sprechstunde-{number}",
            kind=Event.Kind.WORKSHOP,
            start=timezone.now() + dt.timedelta(days=number),
            end=timezone.now() + dt.timedelta(days=number, hours=2),
            is_published=number % 10 != 0,
        )
        for number in range(400)
    )
    factories.make_event(title="Forum Exoskelette")
    kind = site_search.kinds.get("events")
    with site_search.similarity_scope():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_event")
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL cpu_operator_cost = 1")
        plan = kind.matches(site_search.make_query("Exoskelete"), "Exoskelete").explain()

    assert "BitmapOr" in plan
    assert "event_site_search" in plan
    assert "event_title_de_trgm" in plan


def test_a_search_asked_again_is_served_without_searching_again(client):
    factories.make_event(title="Forum Robotik")
    first = search(client, "Robotik")

    queries, response = count_queries(client, "/suche/?q=Robotik")

    assert response.content.decode() == first
    assert "Forum Robotik" in first
    assert queries <= 2  # the content tokens; no kind is searched


def test_a_new_event_is_found_by_a_search_that_was_cached_before(client):
    factories.make_event(title="Forum Robotik")
    search(client, "Robotik")

    factories.make_event(title="Robotik-Werkstatt")

    assert "Robotik-Werkstatt" in section(search(client, "Robotik"), "events")


def test_a_registration_leaves_cached_search_results_in_place(client):
    event = factories.make_event(title="Forum Robotik")
    search(client, "Robotik")

    factories.make_registration(event)
    queries, _response = count_queries(client, "/suche/?q=Robotik")

    assert queries <= 2


def test_signed_in_staff_get_a_search_of_their_own(client, django_user_model):
    factories.make_event(title="Forum Robotik")
    search(client, "Robotik")
    staff = django_user_model.objects.create_user("redaktion", password="x", is_staff=True)
    client.force_login(staff)

    queries, response = count_queries(client, "/suche/?q=Robotik")

    assert "Forum Robotik" in response.content.decode()
    assert queries > 2
