import datetime as dt

import pytest
from django.utils import timezone

from legal.models import BarrierReport, LegalPage
from tests.factories import make_legal_page
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db

ADMIN = "/admin/legal/legalpage/"


def change_data(page, **overrides):
    data = {
        "title_de": page.title_de,
        "title_en": page.title_en or "",
        "body_de": page.body_de,
        "body_en": page.body_en or "",
        "publish_changes": "on",
    }
    data.update(overrides)
    return data


def consent_to(page):
    """A stored consent, as the public forms store it."""
    return BarrierReport.objects.create(
        page_url="/",
        description="Meldung",
        email="eva@example.org",
        privacy_notice=page,
        consented_at=timezone.now(),
    )


def test_editing_a_published_privacy_notice_creates_a_new_version(admin_client):
    old = make_legal_page(LegalPage.Kind.PRIVACY, version=1, body_de="Alter Text")
    consent = consent_to(old)
    response = admin_client.post(
        f"{ADMIN}{old.pk}/change/",
        change_data(old, body_de="Neuer Text", body_en="New text"),
        follow=True,
    )
    assert response.status_code == 200
    assert "Fassung 1 bleibt unverändert" in response.content.decode()
    old.refresh_from_db()
    assert old.body_de == "Alter Text"
    new = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
    assert new.version == 2
    assert (new.body_de, new.body_en) == ("Neuer Text", "New text")
    consent.refresh_from_db()
    assert consent.privacy_notice == old


def test_consent_keeps_pointing_at_the_version_agreed_to_after_a_new_one(client, admin_client):
    old = make_legal_page(LegalPage.Kind.PRIVACY, version=1, body_de="Alter Text")
    client.post(
        "/barrierefreiheit/",
        {
            "page_url": "/",
            "description": "Kontrast",
            "email": "eva@example.org",
            "privacy_consent": "on",
        },
    )
    admin_client.post(f"{ADMIN}{old.pk}/change/", change_data(old, body_de="Neuer Text"))
    report = BarrierReport.objects.get()
    assert report.privacy_notice == old
    html = client.get(report.privacy_notice.get_version_url()).content.decode()
    assert "Alter Text" in html
    assert "Diese Fassung gilt nicht mehr" in html
    assert 'href="/datenschutz/"' in html
    assert "Neuer Text" in client.get("/datenschutz/").content.decode()


def test_privacy_notice_lists_its_earlier_versions(client):
    make_legal_page(LegalPage.Kind.PRIVACY, version=1)
    make_legal_page(LegalPage.Kind.PRIVACY, version=2)
    html = client.get("/datenschutz/").content.decode()
    assert "Fassung 2, zuletzt geändert am" in html
    assert 'href="/datenschutz/version/1/"' in html
    assert 'href="/datenschutz/version/2/"' not in html


def test_the_version_page_exists_in_english_too(client):
    make_legal_page(LegalPage.Kind.PRIVACY, version=1, body_en="First English text")
    response = client.get("/en/privacy/version/1/")
    assert response.status_code == 200
    assert "First English text" in response.content.decode()


def test_drafts_and_unknown_versions_have_no_version_page(client):
    make_legal_page(LegalPage.Kind.PRIVACY, version=1)
    make_legal_page(LegalPage.Kind.PRIVACY, version=2, published=False)
    make_legal_page(LegalPage.Kind.IMPRINT, version=3)
    assert client.get("/datenschutz/version/2/").status_code == 404
    assert client.get("/datenschutz/version/3/").status_code == 404
    assert client.get("/datenschutz/version/99999999999/").status_code == 404


def test_changes_can_be_saved_as_a_draft_version_first(admin_client, client):
    old = make_legal_page(LegalPage.Kind.IMPRINT, version=1, body_de="Gültig")
    data = change_data(old, body_de="Entwurf")
    del data["publish_changes"]
    response = admin_client.post(f"{ADMIN}{old.pk}/change/", data, follow=True)
    assert "als Entwurf" in response.content.decode()
    draft = LegalPage.objects.get(kind=LegalPage.Kind.IMPRINT, version=2)
    assert draft.published_at is None and draft.body_de == "Entwurf"
    assert "Gültig" in client.get("/impressum/").content.decode()


def test_saving_a_published_version_without_changes_creates_nothing(admin_client):
    old = make_legal_page(LegalPage.Kind.IMPRINT, version=1)
    admin_client.post(f"{ADMIN}{old.pk}/change/", change_data(old))
    assert LegalPage.objects.count() == 1


def test_a_draft_is_edited_in_place_in_both_languages(admin_client):
    draft = make_legal_page(LegalPage.Kind.IMPRINT, version=1, published=False)
    data = change_data(
        draft, title_de="Impressum", body_de="Neu", title_en="Imprint", body_en="New"
    )
    data.update({"published_at_0": "", "published_at_1": ""})
    del data["publish_changes"]
    response = admin_client.post(f"{ADMIN}{draft.pk}/change/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title_de, draft.body_de, draft.title_en, draft.body_en) == (
        "Impressum",
        "Neu",
        "Imprint",
        "New",
    )
    assert LegalPage.objects.count() == 1


def test_the_admin_form_shows_german_and_english_side_by_side(admin_client):
    page = make_legal_page(LegalPage.Kind.IMPRINT, version=1)
    html = admin_client.get(f"{ADMIN}{page.pk}/change/").content.decode()
    for field in ("title_de", "title_en", "body_de", "body_en"):
        assert f'name="{field}"' in html
    assert 'form-multiline field-title_de field-title_en"' in html
    assert 'form-multiline field-body_de field-body_en"' in html
    assert "https://" not in "".join(
        line for line in html.splitlines() if "<script" in line or 'rel="stylesheet"' in line
    )


def test_a_new_page_gets_the_next_version_number_of_its_kind(admin_client):
    make_legal_page(LegalPage.Kind.EASY_LANGUAGE, version=1)
    response = admin_client.post(
        f"{ADMIN}add/",
        {
            "kind": "easy_language",
            "published_at_0": "",
            "published_at_1": "",
            "title_de": "Leichte Sprache",
            "title_en": "",
            "body_de": "Das ist ein Text.",
            "body_en": "",
        },
    )
    assert response.status_code == 302
    page = LegalPage.objects.get(kind="easy_language", version=2)
    assert page.published_at is None and page.title_de == "Leichte Sprache"


def test_german_text_is_required_english_is_not(admin_client):
    response = admin_client.post(
        f"{ADMIN}add/",
        {"kind": "imprint", "title_de": "", "title_en": "Imprint", "body_de": "", "body_en": "x"},
    )
    assert response.status_code == 200
    assert not LegalPage.objects.exists()


def test_publishing_drafts_from_the_admin_list(admin_client, client):
    draft = make_legal_page(LegalPage.Kind.IMPRINT, version=1, published=False, body_de="Neu")
    response = admin_client.post(
        ADMIN, {"action": "publish_now", "_selected_action": [draft.pk]}, follow=True
    )
    assert "1 Fassung veröffentlicht." in response.content.decode()
    draft.refresh_from_db()
    assert draft.is_published
    assert "Neu" in client.get("/impressum/").content.decode()


def test_published_versions_cannot_be_deleted_drafts_can(admin_client):
    published = make_legal_page(LegalPage.Kind.PRIVACY, version=1)
    draft = make_legal_page(LegalPage.Kind.PRIVACY, version=2, published=False)
    assert admin_client.get(f"{ADMIN}{published.pk}/delete/").status_code == 403
    assert admin_client.post(f"{ADMIN}{draft.pk}/delete/", {"post": "yes"}).status_code == 302
    assert list(LegalPage.objects.all()) == [published]


def test_published_version_cannot_change_kind_or_date_in_the_admin(admin_client):
    page = make_legal_page(LegalPage.Kind.PRIVACY, version=1)
    published_at = page.published_at
    data = change_data(page, kind="imprint", published_at_0="01.01.2020", published_at_1="00:00")
    admin_client.post(f"{ADMIN}{page.pk}/change/", data)
    page.refresh_from_db()
    assert page.kind == "privacy" and page.published_at == published_at


def test_admin_list_shows_which_version_is_in_force(admin_client):
    make_legal_page(LegalPage.Kind.PRIVACY, version=1)
    make_legal_page(LegalPage.Kind.PRIVACY, version=2)
    make_legal_page(LegalPage.Kind.PRIVACY, version=3, published=False)
    html = admin_client.get(ADMIN).content.decode()
    for state in ("gültig", "ersetzt", "Entwurf"):
        assert f">{state}<" in html


def test_a_scheduled_version_comes_into_force_only_at_its_time(client):
    make_legal_page(LegalPage.Kind.IMPRINT, version=1, body_de="Heute")
    make_legal_page(
        LegalPage.Kind.IMPRINT,
        version=2,
        body_de="Morgen",
        published_at=timezone.now() + dt.timedelta(days=1),
    )
    assert LegalPage.objects.current(LegalPage.Kind.IMPRINT).version == 1
    assert "Heute" in client.get("/impressum/").content.decode()


def test_view_on_site_leads_to_exactly_this_version(admin_client):
    old = make_legal_page(LegalPage.Kind.PRIVACY, version=1)
    draft = make_legal_page(LegalPage.Kind.PRIVACY, version=2, published=False)
    assert 'href="/datenschutz/version/1/"' in (
        admin_client.get(f"{ADMIN}{old.pk}/change/").content.decode()
    )
    assert "/datenschutz/version/2/" not in (
        admin_client.get(f"{ADMIN}{draft.pk}/change/").content.decode()
    )


def test_privacy_page_runs_the_same_queries_however_many_versions_exist(client):
    versions = iter(range(1, 1000))

    def add_versions(count):
        for _ in range(count):
            make_legal_page(LegalPage.Kind.PRIVACY, version=next(versions))

    assert_constant_queries(client, "/datenschutz/", add_versions)


def test_admin_list_of_legal_pages_runs_the_same_queries_however_many_exist(admin_client):
    versions = iter(range(1, 1000))

    def add_versions(count):
        for _ in range(count):
            make_legal_page(LegalPage.Kind.IMPRINT, version=next(versions))

    assert_constant_queries(admin_client, ADMIN, add_versions)
