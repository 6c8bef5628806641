"""The admin's one decision mechanism (backoffice/decisions.py) as the list actions use it."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from backoffice.decisions import Decision, DecisionAdminMixin
from events.models import Registration
from news.models import NewsItem
from partnering.models import Post
from tests.factories import make_staff

from .decision_cases import post_to_decide, registration_to_decide

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/events/registration/"


def run(client, url, action, *records):
    return client.post(
        url, {"action": action, "_selected_action": [r.pk for r in records]}, follow=True
    )


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def registration_decision(name) -> Decision:
    return next(d for d in admin.site._registry[Registration].decisions if d.name == name)


def test_every_bulk_decision_of_the_back_office_is_declared_once():
    """The five loops are gone: each admin's decisions run through decision_action."""
    for model, names in {
        "events.Registration": {
            "confirm_registrations",
            "cancel_registrations",
            "promote_registrations",
            "decline_registrations",
        },
        "stands.CoExhibitorApplication": {"accept", "waitlist", "decline", "withdraw"},
        "members.MembershipApplication": {"approve", "decline"},
        "members.ProfileChangeRequest": {"approve", "decline"},
        "members.Organisation": {"approve_applications", "decline_applications"},
        "partnering.Post": {"approve", "withdraw", "reject"},
        "news.NewsItem": {"publish", "withdraw"},
    }.items():
        model_admin = next(a for m, a in admin.site._registry.items() if m._meta.label == model)
        actions = {
            (action if isinstance(action, str) else action.__name__): action
            for action in model_admin.actions
        }
        for name in names:
            assert getattr(actions[name], "decision", None) is not None, (model, name)


def test_successes_are_counted_with_the_right_plural(admin_client, muensterland):
    one = registration_to_decide(muensterland)
    response = run(admin_client, REGISTRATIONS, "decline_registrations", one)
    # It said "1 Anmeldungen abgelehnt." before.
    assert "1 Anmeldung abgelehnt." in messages_of(response)
    two = [registration_to_decide(muensterland) for _ in range(2)]
    response = run(admin_client, REGISTRATIONS, "decline_registrations", *two)
    assert "2 Anmeldungen abgelehnt." in messages_of(response)


def test_a_refusal_is_reported_beside_its_record_and_the_others_go_on(admin_client, muensterland):
    open_one = registration_to_decide(muensterland)
    confirmed = registration_to_decide(muensterland, Registration.Status.CONFIRMED)
    confirmed.name = "Bestätigte Person"
    confirmed.save()

    response = run(admin_client, REGISTRATIONS, "decline_registrations", open_one, confirmed)

    assert messages_of(response) == [
        "Bestätigte Person: Nur offene Anmeldungen können abgelehnt werden.",
        "1 Anmeldung abgelehnt.",
    ]
    open_one.refresh_from_db()
    assert open_one.status == Registration.Status.DECLINED


def test_a_post_refused_by_its_status_is_named_with_the_reason(admin_client, muensterland):
    submitted = post_to_decide(muensterland)
    response = run(admin_client, "/admin/partnering/post/", "withdraw", submitted)
    assert messages_of(response) == [
        "Telemonitoring gesucht: Nur veröffentlichte Beiträge können zurückgezogen werden."
    ]
    submitted.refresh_from_db()
    assert submitted.status == Post.Status.SUBMITTED


def test_a_data_error_undoes_its_record_only_and_reads_as_a_sentence(
    admin_client, muensterland, monkeypatch
):
    decision = registration_decision("decline_registrations")
    first, second, third = (registration_to_decide(muensterland) for _ in range(3))
    first.name, second.name = "Erste Person", "Zweite Person"
    first.save()
    second.save()
    real_service = decision.service

    def half_applied_then_failing(*, registration, **arguments):
        if registration.pk == third.pk:
            return real_service(registration=registration, **arguments)
        # A write, then a failure: the write must not stay.
        Registration.objects.filter(pk=registration.pk).update(status="cancelled")
        if registration.pk == first.pk:
            raise ValidationError("Die E-Mail-Adresse ist ungültig.")
        raise IntegrityError('duplicate key value violates unique constraint "x"')

    monkeypatch.setattr(decision, "service", half_applied_then_failing)

    response = run(admin_client, REGISTRATIONS, "decline_registrations", first, second, third)

    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == Registration.Status.AWAITING_APPROVAL
    assert statuses[third.pk] == Registration.Status.DECLINED
    texts = messages_of(response)
    # Not "['Die E-Mail-Adresse ist ungültig.']", and no database message.
    assert "Erste Person konnte nicht übernommen werden: Die E-Mail-Adresse ist ungültig." in texts
    assert any(
        text.startswith("Zweite Person konnte nicht übernommen werden: Es widerspricht")
        for text in texts
    )
    assert not any("duplicate key" in text for text in texts)
    assert "1 Anmeldung abgelehnt." in texts


def test_an_incomplete_news_item_says_what_is_missing(admin_client):
    item = NewsItem.objects.create(
        title="Unvollständig",
        slug="unvollstaendig",
        kind=NewsItem.Kind.PRESS_RELEASE,
        teaser="Kurz",
        body="Text",
        is_draft=True,
    )
    response = run(admin_client, "/admin/news/newsitem/", "publish", item)
    (text,) = messages_of(response)
    assert text.startswith("Unvollständig: nicht veröffentlicht, bitte zuerst vervollständigen: ")
    assert "[" not in text and "{" not in text
    item.refresh_from_db()
    assert item.is_draft


def test_staff_who_may_only_view_cannot_run_a_decision(client, django_user_model, muensterland):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_registration"))
    client.force_login(viewer)
    registration = registration_to_decide(muensterland)

    run(client, REGISTRATIONS, "decline_registrations", registration)

    registration.refresh_from_db()
    assert registration.status == Registration.Status.AWAITING_APPROVAL


def test_a_list_decision_stays_in_the_managers_regions(client, muensterland, saarland):
    manager = make_staff("muenster", "Regionalmanagement", [muensterland])
    client.force_login(manager)
    own, foreign = registration_to_decide(muensterland), registration_to_decide(saarland)

    run(client, REGISTRATIONS, "decline_registrations", own, foreign)

    own.refresh_from_db()
    foreign.refresh_from_db()
    assert own.status == Registration.Status.DECLINED
    assert foreign.status == Registration.Status.AWAITING_APPROVAL


def test_a_decision_with_a_button_needs_a_label():
    with pytest.raises(ValueError, match="label"):
        Decision(name="x", service=print, argument="x", description="x", done="x", allowed=bool)


def test_the_mixin_offers_buttons_only_for_decisions_with_states():
    class Admin(DecisionAdminMixin, admin.ModelAdmin):
        decisions = [
            Decision(name="a", service=print, argument="x", description="A", done="%(count)d"),
            Decision(
                name="b",
                service=print,
                argument="x",
                description="B",
                done="%(count)d",
                label="B",
                allowed=lambda obj: True,
            ),
        ]

    assert [d.name for d in Admin.decisions if d.on_page] == ["b"]
