"""Co-exhibitor applications and partnering contacts are in the one registry of personal data."""

import datetime as dt

import pytest
from django.utils import timezone

from core import privacy
from partnering.models import ExpressionOfInterest
from stands.models import CoExhibitorApplication
from tests import factories
from tests.factories import make_post, make_stand, make_stand_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    return make_stand_application(
        make_stand(), contact_email="eva@example.org", contact_name="Eva Test"
    )


@pytest.fixture
def interest():
    post = make_post(factories.make_organisation(), submitted_by_email="poster@example.org")
    return ExpressionOfInterest.objects.create(
        post=post,
        sender_name="Eva Test",
        sender_organisation="Beispiel GmbH",
        email="eva@example.org",
        phone="0201 123",
        message="Wir haben Interesse.",
    )


def test_export_by_e_mail_finds_co_exhibitor_applications_and_expressions_of_interest(
    application, interest
):
    found = privacy.collect("Eva@Example.org")
    assert [row["id"] for row in found["co_exhibitor_applications"]] == [application.pk]
    assert [row["id"] for row in found["expressions_of_interest"]] == [interest.pk]


def test_erasure_anonymises_them_and_keeps_the_rows(application, interest):
    privacy.erase(email="eva@example.org")
    application.refresh_from_db()
    interest.refresh_from_db()
    assert "eva" not in application.contact_email and application.contact_name != "Eva Test"
    assert "eva" not in interest.email and interest.message == "" and interest.phone == ""
    assert CoExhibitorApplication.objects.count() == 1
    assert ExpressionOfInterest.objects.count() == 1


def test_purge_anonymises_old_expressions_of_interest_once(interest):
    later = timezone.now() + dt.timedelta(days=400)
    assert privacy.purge(now=later)["expressions_of_interest"] == 1
    assert privacy.purge(now=later)["expressions_of_interest"] == 0


def test_purge_anonymises_declined_co_exhibitor_applications_after_the_retention(application):
    application.status = CoExhibitorApplication.Status.DECLINED
    application.decided_at = timezone.now()
    application.save()
    assert privacy.purge(now=timezone.now())["co_exhibitor_applications"] == 0
    later = timezone.now() + dt.timedelta(days=400)
    assert privacy.purge(now=later)["co_exhibitor_applications"] == 1


def test_erasure_removes_the_posters_address_from_their_posts(interest):
    privacy.erase(email="poster@example.org")
    interest.post.refresh_from_db()
    assert interest.post.submitted_by_email == ""
