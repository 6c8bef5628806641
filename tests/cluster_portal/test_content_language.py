"""Texts kept in German and English (django-modeltranslation): English where written, else
German marked as German with a note, and searchable in either language."""

from tests import factories

NOTE = "This text is available in German only."


def test_english_event_page_shows_the_english_texts_where_written(client, db):
    event = factories.make_event(
        title="Fachtag Pflege",
        title_en="Care conference",
        summary="Ein Tag zur Pflege.",
        summary_en="A day about care.",
        description="Programm folgt.",
        description_en="Programme to follow.",
    )
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "<h1>Care conference</h1>" in page
    assert '<p class="lead">A day about care.</p>' in page
    assert "<p>Programme to follow.</p>" in page
    assert NOTE not in page


def test_english_event_page_falls_back_to_german_and_says_so(client, db):
    event = factories.make_event(title="Fachtag Pflege", description="Programm folgt.")
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert '<h1 lang="de">Fachtag Pflege</h1>' in page
    assert '<div lang="de"><p>Programm folgt.</p></div>' in page
    assert NOTE in page


def test_german_event_page_never_shows_the_english_text_or_the_note(client, db):
    event = factories.make_event(title="Fachtag Pflege", title_en="Care conference")
    page = client.get(f"/veranstaltungen/{event.slug}/").content.decode()
    assert "<h1>Fachtag Pflege</h1>" in page
    assert "Care conference" not in page
    assert NOTE not in page


def test_english_cooperation_page_marks_each_german_only_section(client, db):
    cooperation = factories.make_cooperation(
        title="Brückenprojekt",
        title_en="Bridge project",
        goals="Kontakte knüpfen.",
        goals_en="Making contacts.",
        outcomes="Zwei Treffen.",
    )
    page = client.get(f"/en/cooperations/{cooperation.slug}/").content.decode()
    assert "<h1>Bridge project</h1>" in page
    assert "<div><p>Making contacts.</p></div>" in page
    assert '<div lang="de"><p>Zwei Treffen.</p></div>' in page


def test_english_news_item_falls_back_to_german_body(client, db):
    item = factories.make_news(
        title="Neues", title_en="News", body="Nur auf Deutsch.", is_draft=False
    )
    page = client.get(f"/en/news/{item.slug}/").content.decode()
    assert '<div lang="de"><p>Nur auf Deutsch.</p></div>' in page
    assert NOTE in page


def test_english_profile_shows_the_english_description(client, db):
    organisation = factories.make_organisation(
        description="Wir bauen Geräte.", description_en="We build devices."
    )
    page = client.get(f"/en/members/{organisation.slug}/").content.decode()
    assert "<div><p>We build devices.</p></div>" in page
    assert "Wir bauen Geräte." not in page


def test_site_search_on_english_pages_finds_texts_written_only_in_german(client, db):
    factories.make_event(title="Fachtag Pflege", description="Robotik im Krankenhaus")
    page = client.get("/en/search/", {"q": "Robotik"}).content.decode()
    assert "Fachtag Pflege" in page


def test_site_search_finds_english_texts(client, db):
    factories.make_event(title="Fachtag Pflege", title_en="Care day", summary_en="Nursing robots")
    page = client.get("/suche/", {"q": "robots"}).content.decode()
    assert "Fachtag Pflege" in page


def test_directory_search_finds_a_member_by_its_english_description(client, db):
    factories.make_organisation(name="Acme Medical", description_en="Ultrasound scanners")
    page = client.get("/en/members/", {"q": "ultrasound"}).content.decode()
    assert "Acme Medical" in page


def test_admin_shows_both_languages_side_by_side(admin_client, db):
    event = factories.make_event()
    page = admin_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'name="title_de"' in page
    assert 'name="title_en"' in page
    assert "jquery-ui" not in page.lower()


def test_german_profile_shows_a_description_written_only_in_english_and_says_so(client, db):
    organisation = factories.make_organisation(description_en="We build devices.")
    page = client.get(f"/mitglieder/{organisation.slug}/").content.decode()
    assert '<div lang="en"><p>We build devices.</p></div>' in page
    assert "Dieser Text liegt nur auf Englisch vor." in page


def test_english_joint_stand_marks_and_notes_a_german_only_description(client, db):
    # The stand's description was marked lang="de" by hand, without the note every other
    # German-only text on an English page carries.
    fair = factories.make_trade_fair(
        title_en="DMEA 2030", summary="Messe.", summary_en="Trade fair."
    )
    stand = factories.make_stand(fair, title_en="Joint stand", description="Gemeinsam ausstellen.")
    page = client.get(f"/en/events/{stand.event.slug}/").content.decode()
    assert '<div lang="de"><p>Gemeinsam ausstellen.</p></div>' in page
    assert NOTE in page


def test_english_legal_page_notes_its_german_text_like_every_other_page(client, db):
    factories.make_legal_page(title_en="", body_en="")
    page = client.get("/en/privacy/").content.decode()
    assert f'<p class="fallback-note small text-body-secondary">{NOTE}</p>' in page
    assert '<div class="legal-text" lang="de">' in page
