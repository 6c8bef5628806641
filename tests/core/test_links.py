"""The one decorator for pages behind a link in an e-mail: it reads the token, loads the object
and answers every link that cannot be honoured with the page that says why, with its status."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from core import links

PURPOSE = "tests.links.thing"


@pytest.fixture(autouse=True)
def purpose(monkeypatch):
    declared = links.LinkPurpose(PURPOSE, max_age=3600)
    monkeypatch.setitem(links.PURPOSES, PURPOSE, declared)
    with translation.override("de"):
        yield declared


class Thing:
    state = "open"


THINGS = {1: Thing()}


def load(payload):
    thing = THINGS.get(payload.pk)
    if thing is None:
        raise links.LinkError
    links.check_state(payload, thing.state)
    return thing


def view_behind_link(**options):
    @links.object_from_token(PURPOSE, load, **options)
    def view(request, thing, **kwargs):
        """The page behind the link."""
        if request.method == "POST":
            raise links.LinkAlreadyUsed  # as mark_used does for a parallel second use
        return HttpResponse(f"{type(thing).__name__} {sorted(kwargs.items())}")

    return view


def get(view, token, **kwargs):
    return view(RequestFactory().get("/"), token=token, **kwargs)


def test_the_view_gets_the_object_and_its_other_arguments():
    token = links.make_token(purpose=PURPOSE, pk=1, state="open")
    response = get(view_behind_link(), token, pk=7)
    assert response.status_code == 200
    assert response.content.decode() == "Thing [('pk', 7)]"
    assert view_behind_link().__doc__ == "The page behind the link."


def test_the_token_is_passed_on_when_the_view_links_on_with_it():
    token = links.make_token(purpose=PURPOSE, pk=1, state="open")
    assert token in get(view_behind_link(pass_token=True), token).content.decode()


def test_a_broken_link_is_not_valid():
    token = links.make_token(purpose=PURPOSE, pk=1, state="open")
    response = get(view_behind_link(), token[:-2])
    assert response.status_code == 400
    assert "Dieser Link ist ungültig" in response.content.decode()


def test_a_link_to_nothing_is_not_valid():
    response = get(view_behind_link(), links.make_token(purpose=PURPOSE, pk=2))
    assert response.status_code == 400


def test_a_link_of_another_purpose_is_not_valid():
    token = links.make_token(purpose="events.registration", pk=1, state="open")
    assert get(view_behind_link(), token).status_code == 400


def test_an_old_link_has_expired(monkeypatch):
    token = links.make_token(purpose=PURPOSE, pk=1, state="open")
    monkeypatch.setitem(links.PURPOSES, PURPOSE, links.LinkPurpose(PURPOSE, max_age=-1))
    response = get(view_behind_link(), token)
    assert response.status_code == 410
    assert "abgelaufen" in response.content.decode()


def test_a_used_link_says_so_with_the_flows_hint():
    token = links.make_token(purpose=PURPOSE, pk=1, state="moved on")
    response = get(view_behind_link(hint="Fragen Sie einen neuen Link an."), token)
    assert response.status_code == 410
    assert "bereits verwendet" in response.content.decode()
    assert "Fragen Sie einen neuen Link an." in response.content.decode()


def test_a_link_error_the_view_raises_is_answered_the_same_way():
    token = links.make_token(purpose=PURPOSE, pk=1, state="open")
    response = view_behind_link()(RequestFactory().post("/"), token=token)
    assert response.status_code == 410


def test_a_view_for_an_unknown_purpose_fails_when_it_is_declared():
    with pytest.raises(ValueError, match="Unregistered"):
        links.object_from_token("tests.nobody.declared.this", load)
