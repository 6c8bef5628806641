import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from members.models import Organisation
from news.models import NewsItem
from tests import factories
from tests.factories import make_news
from tests.helpers import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db


def test_news_list_filters_by_kind(client):
    make_news(
        title="Eine Pressemitteilung",
        kind=NewsItem.Kind.PRESS_RELEASE,
        press_contact_name="Pressestelle",
        press_contact_phone="0211 1",
    )
    make_news(title="Ein Fachbeitrag", kind=NewsItem.Kind.TECHNICAL_ARTICLE)
    html = client.get("/aktuelles/?kind=press_release").content.decode()
    assert "Eine Pressemitteilung" in html
    assert "Ein Fachbeitrag" not in html


def test_news_list_filters_by_region_slug(client, region):
    make_news(title="Aus dem Münsterland", regions=[region])
    make_news(title="Aus anderswo", regions=[factories.make_region()])
    html = client.get("/aktuelles/?region=muensterland").content.decode()
    assert "Aus dem Münsterland" in html
    assert "Aus anderswo" not in html


def test_news_list_filters_by_innovation_field_slug(client, innovation_field):
    make_news(title="Telemedizin im Alltag", innovation_fields=[innovation_field])
    make_news(title="Etwas ganz anderes")
    html = client.get("/aktuelles/?field=telemedizin").content.decode()
    assert "Telemedizin im Alltag" in html
    assert "Etwas ganz anderes" not in html


def test_news_list_filters_by_year(client):
    make_news(title="Meldung von 2017", published_at=dt.datetime(2017, 10, 17, 10, tzinfo=dt.UTC))
    make_news(title="Meldung von 2015", published_at=dt.datetime(2015, 9, 24, 10, tzinfo=dt.UTC))
    html = client.get("/aktuelles/?year=2017").content.decode()
    assert "Meldung von 2017" in html
    assert "Meldung von 2015" not in html
    assert '<option value="2015">2015</option>' in html


@pytest.mark.parametrize(
    "query", ["region=gibt-es-nicht", "year=abc", "kind=<script>", "field=x&page=999", "page=-1"]
)
def test_news_list_answers_bad_filter_values_calmly(client, query):
    make_news(title="Bleibt sichtbar")
    response = client.get(f"/aktuelles/?{query}")
    assert response.status_code == 200


def test_unknown_region_filter_is_explained_in_german(client):
    html = client.get("/aktuelles/?region=gibt-es-nicht").content.decode()
    assert 'aria-describedby="id_region_error"' in html
    assert (
        '<div class="invalid-feedback d-block" id="id_region_error">Bitte eine gültige Auswahl'
        in html
    )


def test_news_list_pages_twelve_items_at_a_time(client):
    for number in range(14):
        make_news(
            title=f"Meldung Nummer {number:02d}",
            published_at=timezone.now() - dt.timedelta(hours=number + 1),
        )
    first = client.get("/aktuelles/").content.decode()
    second = client.get("/aktuelles/?page=2").content.decode()
    assert "Meldung Nummer 00" in first and "Meldung Nummer 13" not in first
    assert "Meldung Nummer 13" in second
    assert "Seite 2 von 2" in second


def test_paging_keeps_the_filters(client):
    for _ in range(13):
        make_news(kind=NewsItem.Kind.TECHNICAL_ARTICLE)
    html = client.get("/aktuelles/?kind=article").content.decode()
    assert 'href="?kind=article&amp;page=2"' in html


def test_news_list_query_count_does_not_grow_with_items(client, region, innovation_field):
    def add(count):
        for _ in range(count):
            make_news(regions=[region], innovation_fields=[innovation_field])

    assert_constant_queries(client, "/aktuelles/", add)


def test_news_list_answers_in_english(client):
    make_news(title="Eine Meldung")
    html = client.get("/en/news/").content.decode()
    assert "<h1>News</h1>" in html
    assert "All kinds" in html


def test_news_page_links_to_what_it_concerns(client, region, organisation, event, innovation_field):
    item = make_news(
        regions=[region],
        organisations=[organisation],
        events=[event],
        innovation_fields=[innovation_field],
    )
    html = client.get(item.get_absolute_url()).content.decode()
    assert f'href="{region.get_absolute_url()}"' in html
    assert f'href="{organisation.get_absolute_url()}"' in html
    assert f'href="{event.get_absolute_url()}"' in html
    assert 'href="/aktuelles/?field=telemedizin"' in html


def test_news_page_does_not_link_to_unpublished_events_or_non_members(client):
    hidden_event = factories.make_event(title="Interne Sitzung", is_published=False)
    applicant = factories.make_organisation(
        name="Bewerber GmbH", status=Organisation.Status.APPLICANT
    )
    item = make_news(events=[hidden_event], organisations=[applicant])
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Interne Sitzung" not in html
    assert "Bewerber GmbH" not in html


def test_press_release_page_shows_the_press_contact(client):
    item = make_news(
        kind=NewsItem.Kind.PRESS_RELEASE,
        press_contact_name="Dr. Mathias Brandstädter",
        press_contact_organisation="Uniklinik RWTH Aachen",
        press_contact_phone="0241 80-89893",
    )
    html = client.get(item.get_absolute_url()).content.decode()
    assert "Pressekontakt" in html
    assert "Dr. Mathias Brandstädter" in html
    assert 'href="tel:024180-89893"' in html


def test_news_page_shows_its_picture_with_alternative_text_and_credit(client, settings):
    from tests.factories import make_picture

    picture = make_picture(alt_text_de="Gruppenfoto beim Workshop", credit="Foto: Uniklinik")
    item = make_news(picture=picture)
    html = client.get(item.get_absolute_url()).content.decode()
    assert 'alt="Gruppenfoto beim Workshop"' in html
    assert "Foto: Uniklinik" in html
    assert '<meta property="og:image" content="http://testserver/media/pictures/sizes/' in html


def test_unknown_news_slug_answers_404(client):
    assert client.get("/aktuelles/gibt-es-nicht/").status_code == 404


def render(template: str, **context) -> str:
    request = RequestFactory().get("/")
    return Template(template).render(Context({"request": request, **context}))


def test_region_partial_lists_the_regions_published_news(region):
    make_news(title="Regionale Meldung", regions=[region])
    make_news(
        title="Geplante Meldung",
        regions=[region],
        published_at=timezone.now() + dt.timedelta(days=2),
    )
    make_news(title="Fremde Meldung")
    html = render('{% include "news/_list_for_region.html" %}', region=region)
    assert "Regionale Meldung" in html
    assert "Geplante Meldung" not in html
    assert "Fremde Meldung" not in html
    assert 'href="/aktuelles/?region=muensterland"' in html


def test_organisation_partial_lists_the_organisations_news(organisation):
    make_news(title="Meldung über das Mitglied", organisations=[organisation])
    html = render('{% include "news/_list_for_organisation.html" %}', organisation=organisation)
    assert "Meldung über das Mitglied" in html
    assert 'id="organisation-news-heading"' in html


def test_event_partial_lists_the_events_news(event):
    make_news(title="Rückblick auf das Treffen", events=[event])
    html = render('{% include "news/_list_for_event.html" %}', event=event)
    assert "Rückblick auf das Treffen" in html


def test_partial_renders_nothing_without_news(event):
    html = render('{% include "news/_list_for_event.html" %}', event=event)
    assert html.strip() == ""


def test_queryset_helpers_select_by_relation(region, organisation, event):
    about_region = make_news(regions=[region])
    about_member = make_news(organisations=[organisation])
    about_event = make_news(events=[event])
    assert list(NewsItem.objects.for_region(region)) == [about_region]
    assert list(NewsItem.objects.for_organisation(organisation)) == [about_member]
    assert list(NewsItem.objects.for_event(event)) == [about_event]


def test_header_links_to_news_and_marks_it_current(client):
    html = client.get("/aktuelles/").content.decode()
    assert 'aria-current="page" href="/aktuelles/">Aktuelles</a>' in html


def test_news_pages_are_served_from_their_fragments_until_an_item_is_published(client):
    item = make_news(title="Telemedizin im ländlichen Raum", slug="telemedizin-land")
    pages = ["/aktuelles/", item.get_absolute_url()]
    cold = [count_queries(client, url)[0] for url in pages]
    warm = [count_queries(client, url)[0] for url in pages]

    make_news(title="Neue Förderrunde für Medizintechnik", slug="foerderrunde")
    item.title = "Telemedizin auf dem Land"
    item.save()

    assert all(w < c for w, c in zip(warm, cold, strict=True))
    assert "Neue Förderrunde für Medizintechnik" in client.get("/aktuelles/").text
    assert "Telemedizin auf dem Land" in client.get(item.get_absolute_url()).text
