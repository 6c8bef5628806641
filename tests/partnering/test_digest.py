import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from partnering.models import DigestEntry, Post
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
    call_command("send_partnering_digest", "--base-url", "https://portal.example")
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {"anfrage@klinik.example", "angebot@telemonitor.example"}
    to_requester = by_address["anfrage@klinik.example"]
    assert "Telemonitoring-Plattform" in to_requester.body
    with translation.override("de"):
        assert f"https://portal.example{offer.get_absolute_url()}" in to_requester.body
    assert "Telemonitor GmbH" in to_requester.body
    assert "1 gemeinsames Innovationsfeld: Telemedizin" in to_requester.body
    assert "Neue passende Partner" in to_requester.subject

    mailoutbox.clear()
    call_command("send_partnering_digest", "--base-url", "https://portal.example")
    assert mailoutbox == []
    assert DigestEntry.objects.filter(post=request, matched_post=offer).count() == 1


def test_digest_reports_a_match_that_appears_later(pair, world, mailoutbox):
    request, _offer = pair
    call_command("send_partnering_digest", "--base-url", "https://portal.example")
    mailoutbox.clear()
    newcomer = factories.make_organisation(name="Neu GmbH", region=world["koeln"])
    newcomer.innovation_fields.set([world["tele"]])
    call_command("send_partnering_digest", "--base-url", "https://portal.example")
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
    call_command("send_partnering_digest", "--base-url", "https://portal.example")
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
    call_command("send_partnering_digest", "--base-url", "https://portal.example")
    assert mailoutbox == []


def test_digest_needs_the_portals_address_for_its_links(pair, mailoutbox, monkeypatch):
    monkeypatch.delenv("PORTAL_BASE_URL", raising=False)
    with pytest.raises(CommandError, match="base-url"):
        call_command("send_partnering_digest")
    assert mailoutbox == []
    assert not DigestEntry.objects.exists()
