import datetime as dt

from django.utils import timezone

from b2b.models import B2BProfile, Meeting, MeetingSlot, MeetingTable
from events.models import Registration


def make_participant(
    event, name, *, language="de", status=None, profile=True, **profile_data
) -> Registration:
    """A registration of `event` (confirmed unless told) with a published B2B profile."""
    registration = Registration.objects.create(
        event=event,
        name=name,
        email=f"{name.lower().replace(' ', '.')}@b2b.example",
        organisation_name=f"{name} GmbH",
        language=language,
        status=status or Registration.Status.CONFIRMED,
    )
    if profile:
        B2BProfile.objects.create(
            registration=registration,
            offer=profile_data.get("offer", f"Angebot von {name}"),
            seek=profile_data.get("seek", f"Gesuch von {name}"),
        )
    return registration


def make_slots(event, count, *, minutes=30) -> list[MeetingSlot]:
    return [
        MeetingSlot.objects.create(
            event=event,
            start=event.start + dt.timedelta(minutes=minutes * index),
            end=event.start + dt.timedelta(minutes=minutes * index + minutes - 5),
        )
        for index in range(count)
    ]


def make_tables(event, count) -> list[MeetingTable]:
    return [
        MeetingTable.objects.create(event=event, name=str(number), position=number)
        for number in range(1, count + 1)
    ]


def make_accepted_meeting(requester, recipient, *, minutes_ago=0) -> Meeting:
    return Meeting.objects.create(
        event=requester.event,
        requester=requester,
        recipient=recipient,
        status=Meeting.Status.ACCEPTED,
        created_at=timezone.now() - dt.timedelta(minutes=minutes_ago),
    )
