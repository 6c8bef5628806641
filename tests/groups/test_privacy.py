"""The contact details in requests to join a working group are in the one registry of personal
data: exported and erased by address, purged a year after a decline or an end."""

import datetime as dt

import pytest
from django.utils import timezone

from core import privacy
from groups.models import GroupMembership
from tests.factories import make_group, make_group_membership

pytestmark = pytest.mark.django_db
Status = GroupMembership.Status


@pytest.fixture
def membership():
    return make_group_membership(
        make_group(),
        contact_email="eva@example.org",
        contact_name="Eva Test",
        message="Wir möchten mitarbeiten.",
    )


def test_export_by_e_mail_finds_the_membership(membership):
    found = privacy.collect("Eva@Example.org")
    assert [row["id"] for row in found["group_memberships"]] == [membership.pk]


def test_erasure_anonymises_the_contact_and_keeps_the_membership(membership):
    privacy.erase(email="eva@example.org")
    membership.refresh_from_db()
    assert "eva" not in membership.contact_email and membership.contact_name != "Eva Test"
    assert membership.message == "" and membership.status == Status.MEMBER


def test_purge_anonymises_declined_and_ended_memberships_after_a_year_only(membership):
    declined = make_group_membership(
        make_group(), status=Status.DECLINED, decided_at=timezone.now()
    )
    later = timezone.now() + dt.timedelta(days=400)
    assert privacy.purge(now=later)["group_memberships"] == 1
    assert privacy.purge(now=later)["group_memberships"] == 0
    declined.refresh_from_db()
    membership.refresh_from_db()
    assert declined.contact_name != "Anna Beispiel"
    assert membership.contact_name == "Eva Test"  # a current member keeps its contact
