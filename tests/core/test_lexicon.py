"""The search lexicon: the words of what is published, kept current, and the correction lookup."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import lexicon
from core.models import SearchWord
from members.models import Organisation
from tests import factories
from tests.factories import make_news

pytestmark = pytest.mark.django_db


def words(kind: str = "organisations") -> set[str]:
    return set(SearchWord.objects.filter(kind=kind).values_list("word", flat=True))


def test_a_saved_members_words_are_in_the_lexicon_lowercased_letters_only():
    factories.make_organisation(
        name="Orthesen-Werk Nord GmbH",
        description="Wir fertigen 3D-gedruckte Orthesen seit 1999, siehe www.orthesen.example.",
        description_en="We make orthoses.",
    )

    found = words()
    assert {"orthesen", "werk", "nord", "gmbh", "fertigen", "orthoses"} <= found
    assert not {"1999", "3d", "orthesen-werk", "www.orthesen.example"} & found


def test_an_applicants_words_stay_out_until_approved():
    applicant = factories.make_organisation(
        status=Organisation.Status.APPLICANT,
        joined_on=None,
        description="Geheimprojekt Exoskelettbau",
    )
    assert "geheimprojekt" not in words()

    applicant.status = Organisation.Status.MEMBER
    applicant.joined_on = timezone.localdate()
    applicant.save(update_fields=["status", "joined_on"])

    assert {"geheimprojekt", "exoskelettbau"} <= words()


def test_innovation_field_names_of_a_member_are_in_the_lexicon():
    field = factories.make_innovation_field(name="Robotik", slug="robotik")
    organisation = factories.make_organisation()
    organisation.innovation_fields.add(field)
    assert "robotik" in words()

    field.name = "Exoskelette"
    field.save()
    assert "exoskelette" in words()


def documents(word: str) -> int:
    return SearchWord.objects.get(kind="organisations", word=word).documents


def test_refresh_removes_words_that_no_longer_occur_and_recounts_the_rest():
    first = factories.make_organisation(description="Wir bauen Hörsysteme.")
    second = factories.make_organisation(description="Hörsysteme für Kinder.")
    lexicon.refresh("organisations")
    assert documents("hörsysteme") == 2

    first.description = "Wir bauen Sehhilfen."
    first.save()
    assert "sehhilfen" in words()  # added with the save

    assert lexicon.refresh("organisations") == {"added": 0, "removed": 0, "recounted": 1}
    assert documents("hörsysteme") == 1

    second.delete()
    result = lexicon.refresh("organisations")

    assert result["removed"] >= 2
    assert not {"hörsysteme", "kinder"} & words()
    assert {"bauen", "sehhilfen"} <= words()


def test_a_second_refresh_changes_nothing():
    factories.make_organisation(description="Telemedizin für Praxen.")
    lexicon.refresh_all()

    again = lexicon.refresh_all()

    assert all(counts == {"added": 0, "removed": 0, "recounted": 0} for counts in again.values())


def test_the_refresh_command_reports_each_kind(capsys):
    factories.make_organisation(description="Telemedizin für Praxen.")
    SearchWord.objects.all().delete()

    call_command("refresh_search_lexicon")

    output = capsys.readouterr().out
    assert "organisations:" in output and "events:" in output and "news:" in output
    assert "telemedizin" in words()


def test_words_of_events_and_news_are_added_when_published_only():
    event = factories.make_event(title="Fachtag Exoskelette", is_published=False)
    assert "exoskelette" not in words("events")
    event.is_published = True
    event.save()
    assert "exoskelette" in words("events")

    make_news(title="Neues aus der Zellkulturtechnik")
    assert "zellkulturtechnik" in words("news")


def test_scheduled_news_joins_the_lexicon_with_the_refresh_after_its_time():
    item = make_news(
        title="Zellkulturtechnik im Fokus",
        published_at=timezone.now() + dt.timedelta(hours=1),
    )
    assert "zellkulturtechnik" not in words("news")
    item.published_at = timezone.now() - dt.timedelta(minutes=1)
    type(item).objects.filter(pk=item.pk).update(published_at=item.published_at)  # no signal

    lexicon.refresh_all()

    assert "zellkulturtechnik" in words("news")


@pytest.mark.django_db(transaction=True)
def test_only_a_refresh_that_changes_words_renders_cached_pages_afresh():
    from core.models import ContentVersion

    def token():
        return ContentVersion.objects.get(topic="members").token

    factories.make_organisation(description="Telemedizin für Praxen.")
    SearchWord.objects.all().delete()
    before = token()

    lexicon.refresh_all()
    after = token()
    lexicon.refresh_all()  # nothing changed

    assert after != before
    assert token() == after


# --- the correction ---------------------------------------------------------------------------


def correct(text: str, kinds=("organisations",)) -> str:
    return lexicon.correct(text, kinds).corrected


def test_misspelt_words_are_replaced_by_the_closest_word_in_the_writers_case():
    factories.make_organisation(description="Medizintechnik und Telemedizin für Kliniken.")

    assert correct("Medizintechnick") == "Medizintechnik"
    assert correct("telemedizn in Aachen") == "telemedizin in Aachen"
    assert correct("TELEMEDIZN") == "TELEMEDIZIN"
    assert correct("Medizintechnick-Telemedizn") == "Medizintechnik-Telemedizin"


def test_known_words_inflections_stop_words_and_short_words_are_left_alone():
    factories.make_organisation(description="Wir betreiben eine Klinik für Orthopädie.")

    for text in ["Klinik", "Kliniken", "KLINIK", "und", "oder", "Reha", "3D-Druck", "Orthopädie"]:
        assert correct(text) == text


def test_nonsense_is_not_corrected():
    factories.make_organisation(description="Medizintechnik und Telemedizin für Kliniken.")

    for text in ["qwertzuiop", "xyzzy", "zzzzzzzzzzzz", "Mdzntchnk", "медицина", "🙂🙂🙂"]:
        assert correct(text) == text


def test_a_word_needs_to_be_close_enough_for_its_length():
    factories.make_organisation(description="Sensorik")

    assert correct("Sensorek") == "Sensorik"  # one letter of eight
    assert correct("Sexxorek") == "Sexxorek"  # three of eight: too many


def test_only_the_given_kinds_words_are_used():
    factories.make_event(title="Fachtag Exoskelette", is_published=True)

    assert correct("Exoskelete") == "Exoskelete"
    assert correct("Exoskelete", kinds=["events"]) == "Exoskelette"


def test_one_query_corrects_every_word_and_sets_the_local_settings():
    factories.make_organisation(description="Medizintechnik und Telemedizin für Kliniken.")

    with CaptureQueriesContext(connection) as queries:
        spelling = lexicon.correct(
            "Medizintechnick Telemedizn Klinikenn",
            ["organisations"],
            local_settings={"pg_trgm.word_similarity_threshold": "0.45"},
        )

    assert spelling.corrected == "Medizintechnik Telemedizin Kliniken"
    assert len(queries) == 1
    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        assert cursor.fetchone()[0] == "0.45"


def test_the_similar_words_come_from_the_trigram_index():
    # The lexicon is small here, so sequential scans are forbidden and operators made dear (as
    # similarity() and levenshtein() really are): the plan then shows whether the lookup of
    # similar words can be an index scan at all.
    SearchWord.objects.bulk_create(
        SearchWord(kind="organisations", word=f"wort{number}", stem=f"wort{number}")
        for number in range(2000)
    )
    factories.make_organisation(description="Medizintechnik")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE core_searchword")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL cpu_operator_cost = 1")
    with CaptureQueriesContext(connection) as queries:
        assert correct("Medizintechnick") == "Medizintechnik"
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + queries.captured_queries[-1]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on searchword_word_trgm" in plan
    assert "searchword_stem" in plan
