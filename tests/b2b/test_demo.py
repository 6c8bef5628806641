import pytest
from django.core.management import call_command

from b2b.models import B2BProfile, Meeting, MeetingSeat, MeetingSlot, MeetingTable
from events.models import Event, Registration

pytestmark = pytest.mark.django_db

B2B_MODELS = [Event, Registration, B2BProfile, Meeting, MeetingSeat, MeetingSlot, MeetingTable]


def snapshot():
    return {model: list(model.objects.order_by("pk").values()) for model in B2B_MODELS}


def test_demo_has_an_upcoming_b2b_exchange_with_a_schedule_and_a_rerun_changes_nothing():
    call_command("load_demo", "--no-admin")
    event = Event.objects.upcoming().get(kind=Event.Kind.B2B_EXCHANGE)
    assert event.title == "Internationale B2B-Börse Medizintechnik"
    assert B2BProfile.objects.published_for(event).count() == 8
    accepted = Meeting.objects.filter(event=event, status=Meeting.Status.ACCEPTED)
    assert accepted.count() >= 5
    assert not accepted.filter(slot__isnull=True).exists()
    assert Meeting.objects.filter(event=event, status=Meeting.Status.REQUESTED).exists()
    first = snapshot()
    call_command("load_demo", "--no-admin")
    assert snapshot() == first
