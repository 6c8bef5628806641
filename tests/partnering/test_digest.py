import re

import pytest
from django.core.management import call_command
from django.utils import translation

from cluster_portal import links
from partnering.models import MEMBER_VIEW_PURPOSE, DigestEntry, Post
from tests import factories

from .conftest import make_post


@pytest.fixture
def pair(poster, world):
    request = make_post(
        poster,
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        title="Telemonitoring gesucht",
        innovation_fields=[world["tele"]],
        submitted_by_email="anfrage@klinik.example",
    )
    supplier = factories.make_organisation(name="Telemonitor GmbH", region=world["aachen"])
    supplier.innovation_fields.set([world["tele"]])
    offer = make_post(
        supplier,
        kind=Post.Kind.TECHNOLOGY_OFFER,
        title="Telemonitoring-Plattform",
        innovation_fields=[world["tele"]],
        submitted_by_email="angebot@telemonitor.example",
    )
    return request, offer


def test_digest_tells_each_poster_their_new_matches_once(pair, mailoutbox):
    request, offer = pair
    call_command("send_partnering_digest")
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {"anfrage@klinik.example", "angebot@telemonitor.example"}
    to_requester = by_address["anfrage@klinik.example"]
    assert "Telemonitoring-Plattform" in to_requester.body
    with translation.override("de"):
        assert f"http://testserver{offer.get_absolute_url()}" in to_requester.body
    assert "Telemonitor GmbH" in to_requester.body
    assert "1 gemeinsames Innovationsfeld: Telemedizin" in to_requester.body
    assert "Neue passende Partner" in to_requester.subject

    mailoutbox.clear()
    call_command("send_partnering_digest")
    assert mailoutbox == []
    assert DigestEntry.objects.filter(post=request, matched_post=offer).count() == 1


def test_digest_reports_a_match_that_appears_later(pair, world, mailoutbox):
    request, _offer = pair
    call_command("send_partnering_digest")
    mailoutbox.clear()
    newcomer = factories.make_organisation(name="Neu GmbH", region=world["koeln"])
    newcomer.innovation_fields.set([world["tele"]])
    call_command("send_partnering_digest")
    # The newcomer fits both posts; each poster hears only of it.
    assert {mail.to[0] for mail in mailoutbox} == {
        "anfrage@klinik.example",
        "angebot@telemonitor.example",
    }
    body = next(m.body for m in mailoutbox if m.to == ["anfrage@klinik.example"])
    assert "Neu GmbH" in body
    assert "Telemonitoring-Plattform" not in body  # told last time


def test_digest_is_written_in_the_posters_language(poster, world, mailoutbox):
    make_post(
        poster,
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        innovation_fields=[world["tele"]],
        language="en",
    )
    other = factories.make_organisation(region=world["aachen"])
    other.innovation_fields.set([world["tele"]])
    call_command("send_partnering_digest")
    assert mailoutbox[0].subject == "New matches for your posts on the partnering board"
    assert "1 shared innovation field: Telemedizin" in mailoutbox[0].body


def test_expired_posts_get_no_digest(poster, world, mailoutbox):
    import datetime as dt

    from django.utils import timezone

    make_post(
        poster,
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        innovation_fields=[world["tele"]],
        valid_until=timezone.localdate() - dt.timedelta(days=1),
    )
    other = factories.make_organisation(region=world["aachen"])
    other.innovation_fields.set([world["tele"]])
    call_command("send_partnering_digest")
    assert mailoutbox == []


def test_digest_links_lead_to_the_portals_address(pair, mailoutbox, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.org"
    call_command("send_partnering_digest")
    assert "https://portal.example.org/kooperationsboerse/" in mailoutbox[0].body


def test_members_only_match_reaches_the_member_through_a_signed_link(
    client, poster, world, mailoutbox
):
    make_post(
        poster,
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        innovation_fields=[world["tele"]],
        submitted_by_email="anfrage@klinik.example",
    )
    supplier = factories.make_organisation(name="Diskret GmbH", region=world["aachen"])
    hidden = make_post(
        supplier,
        kind=Post.Kind.TECHNOLOGY_OFFER,
        title="Vertrauliches Angebot",
        innovation_fields=[world["tele"]],
        visibility=Post.Visibility.MEMBERS,
        submitted_by_email="diskret@example.org",
    )
    call_command("send_partnering_digest")
    body = next(m.body for m in mailoutbox if m.to == ["anfrage@klinik.example"])
    assert "Vertrauliches Angebot" in body
    assert "Die Links zu Beiträgen, die nur für Mitglieder sichtbar sind, sind 14 Tage gültig." in (
        " ".join(body.split())
    )
    path = re.search(r"http://testserver(/kooperationsboerse/mitglieder/\S+/)", body)[1]
    page = client.get(path)
    assert page.status_code == 200
    assert "Vertrauliches Angebot" in page.content.decode()
    assert "diskret@example.org" not in page.content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(path.replace("mitglieder/", "mitglieder/x")).status_code == 400
    mailoutbox.clear()
    response = client.post(
        path,
        {
            "sender_name": "Anna Anfrage",
            "sender_organisation": "Klinik Aachen",
            "email": "anna@klinik.example",
            "message": "Wir möchten mehr erfahren.",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == path
    assert mailoutbox[0].to == ["diskret@example.org"]


def test_the_member_link_expires(client, poster, world, monkeypatch):
    hidden = make_post(poster, visibility=Post.Visibility.MEMBERS)
    path = hidden.member_view_url(organisation=poster)
    assert client.get(path).status_code == 200
    monkeypatch.setitem(links.PURPOSES, MEMBER_VIEW_PURPOSE, -1)
    response = client.get(path)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()
