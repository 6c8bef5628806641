import dataclasses
import email.policy
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from core import links
from partnering.models import DIGEST_UNSUBSCRIBE_PURPOSE, MEMBER_VIEW_PURPOSE, DigestEntry, Post
from tests import factories
from tests.factories import make_post


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


def expire_links(monkeypatch, purpose):
    """Every link of `purpose` has expired from now on."""
    expired = dataclasses.replace(links.PURPOSES[purpose], max_age=-1)
    monkeypatch.setitem(links.PURPOSES, purpose, expired)


def test_the_member_link_expires(client, poster, world, monkeypatch):
    hidden = make_post(poster, visibility=Post.Visibility.MEMBERS)
    path = hidden.member_view_url(organisation=poster)
    assert client.get(path).status_code == 200
    expire_links(monkeypatch, MEMBER_VIEW_PURPOSE)
    response = client.get(path)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()


# Unsubscribing with one click (RFC 8058) ------------------------------------------------------

UNSUBSCRIBE = re.compile(r"https?://[^\s/]+(/kooperationsboerse/abmelden/[^/\s]+/)")


def digest_to(mailoutbox, address):
    return next(mail for mail in mailoutbox if mail.to == [address])


def unsubscribe_path(mailoutbox, address="anfrage@klinik.example"):
    return UNSUBSCRIBE.search(digest_to(mailoutbox, address).body)[1]


def test_the_digest_carries_one_click_unsubscribe_headers_with_the_portals_address(
    pair, mailoutbox, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"

    call_command("send_partnering_digest")

    mail = digest_to(mailoutbox, "anfrage@klinik.example")
    raw = mail.message()
    url = "https://portal.example.org" + unsubscribe_path(mailoutbox)
    assert raw["List-Unsubscribe"] == f"<{url}>"
    assert raw["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert raw["Auto-Submitted"] == "auto-generated"
    # As the SMTP backend writes it: the URL on one line, not folded into encoded words.
    wire = mail.message(policy=email.policy.SMTP).as_bytes().decode()
    assert f"\r\nList-Unsubscribe: <{url}>\r\n" in wire
    assert "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in wire
    body = " ".join(mail.body.split())
    assert (
        f"Um diese E-Mails nicht mehr zu erhalten, nutzen Sie diesen Link (90 Tage gültig): {url}"
        in body
    )
    html = mail.alternatives[0][0]
    assert f'<a href="{url}">{url}</a>' in html
    assert '<html lang="de"' in html and "<h2>Telemonitoring gesucht</h2>" in html


def test_one_click_unsubscribes_without_csrf_token_and_the_next_digest_skips_the_poster(
    pair, world, mailoutbox
):
    request, offer = pair
    call_command("send_partnering_digest")
    path = unsubscribe_path(mailoutbox)
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert "Sie sind abgemeldet" in response.text
    request.refresh_from_db()
    offer.refresh_from_db()
    assert request.digest_unsubscribed_at is not None
    assert offer.digest_unsubscribed_at is None  # the other poster's post
    # Again: the same answer, nothing changes.
    when = request.digest_unsubscribed_at
    assert mail_program.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    request.refresh_from_db()
    assert request.digest_unsubscribed_at == when

    mailoutbox.clear()
    newcomer = factories.make_organisation(name="Neu GmbH", region=world["koeln"])
    newcomer.innovation_fields.set([world["tele"]])
    call_command("send_partnering_digest")
    assert [mail.to for mail in mailoutbox] == [["angebot@telemonitor.example"]]


def test_unsubscribing_covers_every_post_of_the_poster_and_organisation(
    pair, poster, world, mailoutbox
):
    request, _offer = pair
    second = make_post(
        poster,
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        title="Zweites Gesuch",
        innovation_fields=[world["tele"]],
        submitted_by_email="ANFRAGE@klinik.example",
    )
    call_command("send_partnering_digest")

    Client().post(unsubscribe_path(mailoutbox))

    second.refresh_from_db()
    assert second.digest_unsubscribed_at is not None


def test_opening_the_unsubscribe_link_only_asks_and_unsubscribes_nobody(client, pair, mailoutbox):
    request, _offer = pair
    call_command("send_partnering_digest")

    response = client.get(unsubscribe_path(mailoutbox))

    assert response.status_code == 200
    assert "Ja, keine wöchentlichen Treffer mehr senden" in response.text
    assert 'method="post"' in response.text
    request.refresh_from_db()
    assert request.digest_unsubscribed_at is None


def test_the_english_digest_unsubscribes_in_english(poster, world, mailoutbox):
    make_post(
        poster,
        kind=Post.Kind.TECHNOLOGY_REQUEST,
        innovation_fields=[world["tele"]],
        language="en",
        submitted_by_email="english@klinik.example",
    )
    other = factories.make_organisation(region=world["aachen"])
    other.innovation_fields.set([world["tele"]])
    call_command("send_partnering_digest")
    mail = digest_to(mailoutbox, "english@klinik.example")
    assert "To receive no more of these e-mails, use this link (valid for 90 days):" in mail.body
    path = re.search(r"http://testserver(/en/partnering/unsubscribe/[^/\s]+/)", mail.body)[1]

    response = Client(enforce_csrf_checks=True).post(path)

    assert response.status_code == 200
    assert "You are unsubscribed" in response.text


@pytest.mark.parametrize("problem", ["tampered", "expired", "post deleted"])
def test_a_bad_or_expired_unsubscribe_link_says_so_and_what_to_do(
    client, pair, mailoutbox, monkeypatch, problem
):
    request, _offer = pair
    call_command("send_partnering_digest")
    path = unsubscribe_path(mailoutbox)
    if problem == "tampered":
        path = path[:-4] + ("x" if path[-4] != "x" else "y") + path[-3:]
    elif problem == "expired":
        expire_links(monkeypatch, DIGEST_UNSUBSCRIBE_PURPOSE)
    else:
        request.digest_entries.all().delete()
        request.delete()

    for response in (client.get(path), Client(enforce_csrf_checks=True).post(path)):
        assert response.status_code == (410 if problem == "expired" else 400)
        text = response.text
        assert ("abgelaufen" if problem == "expired" else "ungültig") in text
        assert "nutzen Sie bitte den Abmeldelink in der neuesten" in text
